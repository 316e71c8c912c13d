namespace Gatehouse.Core.Access;

/// <summary>
/// What a check reads of an organization of one segment: its pair slots, its places and its pool of sets, with the
/// two capacities. The engine's table holds them in the organization's slot, so a check goes from the slot straight
/// to the pair slots without loading the organization object on the way: over many small organizations that
/// object is one more cache miss (and page) on every check. <see cref="Pairs"/> is null for an organization of
/// several segments, whose checks go through the object.
/// </summary>
internal readonly record struct CheckTables(PairSlot[]? Pairs, uint PairCapacity, PlaceLookup.Slot[] Places, uint PlaceCapacity, ulong[] Pool);
