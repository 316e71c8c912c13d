namespace Gatehouse.Core.Access;

/// <summary>One page of the places where a member may do something.</summary>
/// <param name="OnOrganization">True when the member may do it on the organization itself, and so at every scope.</param>
/// <param name="ScopeIds">Scopes where the member may do it, ascending by id, after the cursor.</param>
/// <param name="NextAfter">The cursor of the next page (the last id of this one), or null when this is the last page.</param>
public sealed record PlacesPage(bool OnOrganization, IReadOnlyList<Guid> ScopeIds, Guid? NextAfter);

/// <summary>One page of the members who may do something at a place.</summary>
/// <param name="Members">The members, ascending by membership id, after the cursor.</param>
/// <param name="NextAfter">The cursor of the next page (the last membership id of this one), or null when this is the last page.</param>
public sealed record MembersPage(IReadOnlyList<CompiledMember> Members, Guid? NextAfter);
