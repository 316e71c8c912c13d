using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    // Built on the first lookup of each kind and kept with this version (a change makes a new version).
    private ScopeOrder? _scopeOrder;
    private GrantIndex? _grantIndex;

    /// <summary>
    /// The places where the user may do <paramref name="permission"/> (the access rule without resource ownership):
    /// whether on the organization itself, and a page of the scopes, ascending by id, after <paramref name="after"/>.
    /// </summary>
    public PlacesPage PlacesAllowed(Guid userId, PermissionId permission, TimeProvider time, Guid? after = null, int limit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var order = _scopeOrder ??= new ScopeOrder(_scopes);
        if ((uint)permission.Index >= (uint)_permissionCount || FindMemberByUser(userId) is not { } member || !member.IsAdmitted(time))
        {
            return new PlacesPage(false, [], null);
        }
        var start = after is { } cursor ? order.IndexAfter(cursor) : 0;
        var everywhere = member.BypassesChecks || HomeHolds(member, permission.Index);
        if (everywhere)
        {
            var count = Math.Min(limit, order.Ids.Length - start);
            var ids = order.Ids.AsSpan(start, count).ToArray();
            return new PlacesPage(true, ids, start + count < order.Ids.Length ? ids[^1] : null);
        }
        // Not on the organization: exactly the reach of the scope grants whose role holds the permission.
        var reach = new int[_scopes.PlaceCount];
        var ranks = new List<int>();
        foreach (var grant in member.Compact)
        {
            if (grant.Place != 0 && _roles.TryGetWords(grant.Role, out var words) && (words[permission.Index >> 6] & (1UL << permission.Index)) != 0)
            {
                var n = _scopes.ReachOf(grant.Place, reach);
                foreach (var place in reach.AsSpan(0, n))
                {
                    ranks.Add(order.RankOf(place));
                }
            }
        }
        var page = ranks.Distinct().Where(r => r >= start).Order().Take(limit + 1).Select(r => order.Ids[r]).ToList();
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(limit);
        }
        return new PlacesPage(false, page, more ? page[^1] : null);
    }

    /// <summary>
    /// The active, unlocked members who may do <paramref name="permission"/> at a place (null = the organization):
    /// a page of them, ascending by membership id, after <paramref name="after"/>. None at an unknown scope.
    /// </summary>
    /// <remarks>
    /// Read from an index of grants by (role, target), built on the first lookup of this version: the members listed
    /// under a role holding the permission, on the organization or on the scope or an ancestor, and those with full
    /// access or ownership, merged in id order. So a page costs about the same whatever the number of members or
    /// how few of them qualify.
    /// </remarks>
    public MembersPage MembersAllowed(PermissionId permission, Guid? scopeId, TimeProvider time, Guid? after = null, int limit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var place = scopeId is { } scope ? _scopeLookup.Find(scope) : 0;
        if ((uint)permission.Index >= (uint)_permissionCount || place < 0)
        {
            return new MembersPage([], null);
        }
        var index = _grantIndex ??= new GrantIndex(this);
        var start = after is { } cursor ? index.IndexAfter(cursor) : 0;
        var (dense, sparse) = (new List<ulong[]>(16), new List<(int[] Members, int At)>(16));
        Take(index.Bypassing, start, dense, sparse);
        // The targets whose grants apply here: the place, its ancestors and the organization (a repeat ends the walk).
        Span<int> targets = stackalloc int[Math.Min(_scopes.PlaceCount + 1, 64)];
        var count = 0;
        for (var at = place; at > 0 && count < targets.Length - 1 && !targets[..count].Contains(at); at = _scopes.ParentOf(at))
        {
            targets[count++] = at;
        }
        targets[count++] = 0;
        for (var role = 0; role < _lineage.RoleCount; role++)
        {
            if (_roles.TryGetWords(role, out var words) && (words[permission.Index >> 6] & (1UL << permission.Index)) != 0)
            {
                foreach (var target in targets[..count])
                {
                    if (index.Find(target, role) is { } holders)
                    {
                        Take(holders, start, dense, sparse);
                    }
                }
            }
        }
        // 64 members at a time: the union of the lists over that window as one word, then its members in order.
        var page = new List<CompiledMember>(Math.Min(limit + 1, 64));
        var now = time.GetUtcNow().UtcTicks;
        for (var w = start >> 6; w < index.Words && page.Count <= limit; w++)
        {
            var word = 0UL;
            foreach (var bits in dense)
            {
                word |= bits[w];
            }
            var end = (w + 1) << 6;
            for (var i = 0; i < sparse.Count; i++)
            {
                var (members, at) = sparse[i];
                for (; at < members.Length && members[at] < end; at++)
                {
                    word |= 1UL << members[at];
                }
                sparse[i] = (members, at);
            }
            if (w == start >> 6)
            {
                word &= ulong.MaxValue << (start & 63);
            }
            for (; word != 0 && page.Count <= limit; word &= word - 1)
            {
                var member = index.Members[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word)];
                if (member.LockoutEndTicks == 0 || member.LockoutEndTicks <= now)
                {
                    page.Add(member);
                }
            }
        }
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(limit);
        }
        return new MembersPage(page, more ? page[^1].MemberId : null);
    }

    private static void Take(GrantIndex.Holders holders, int start, List<ulong[]> dense, List<(int[] Members, int At)> sparse)
    {
        if (holders.Bits is { } bits)
        {
            dense.Add(bits);
        }
        else
        {
            var at = Array.BinarySearch(holders.Sorted!, start);
            sparse.Add((holders.Sorted!, at < 0 ? ~at : at));
        }
    }

    private bool HomeHolds(CompiledMember member, int bit)
    {
        var set = SetOf(member.UserId, null);
        return set >= 0 && Holds(set, bit);
    }

    /// <summary>The live scopes ordered by id, and each place's rank in that order.</summary>
    private sealed class ScopeOrder
    {
        private readonly int[] _rankOfPlace;

        public ScopeOrder(ScopeTree scopes)
        {
            var live = Enumerable.Range(1, Math.Max(0, scopes.PlaceCount - 1)).Where(scopes.IsLive).Select(p => (Place: p, Id: scopes.IdOf(p))).OrderBy(s => s.Id).ToArray();
            Ids = [.. live.Select(s => s.Id)];
            _rankOfPlace = new int[scopes.PlaceCount];
            for (var r = 0; r < live.Length; r++)
            {
                _rankOfPlace[live[r].Place] = r;
            }
        }

        public Guid[] Ids { get; }

        public int RankOf(int place) => _rankOfPlace[place];

        public int IndexAfter(Guid cursor)
        {
            var at = Array.BinarySearch(Ids, cursor);
            return at < 0 ? ~at : at + 1;
        }
    }

    /// <summary>
    /// The active members ordered by membership id (their ordinal is their place in that order), those with full
    /// access or ownership, and per (role, target) the members granted that role there: as a bitmap over the ordinals
    /// when at least one member in 32 is in it (then no larger than a list), otherwise as an ascending list.
    /// </summary>
    private sealed class GrantIndex
    {
        public GrantIndex(CompiledOrganization organization)
        {
            Members = [.. organization._members.Values.Where(m => m.IsActive).OrderBy(m => m.MemberId)];
            Ids = [.. Members.Select(m => m.MemberId)];
            Words = (Members.Length + 63) >> 6;
            var lists = new Dictionary<long, List<int>>();
            var bypassing = new List<int>();
            for (var ordinal = 0; ordinal < Members.Length; ordinal++)
            {
                var member = Members[ordinal];
                if (member.BypassesChecks)
                {
                    bypassing.Add(ordinal);
                    continue;
                }
                foreach (var grant in member.Compact)
                {
                    if (grant.Place == 0 || organization._scopes.IsLive(grant.Place))
                    {
                        var key = Key(grant.Role, grant.Place);
                        if (!lists.TryGetValue(key, out var list))
                        {
                            lists[key] = list = [];
                        }
                        if (list.Count == 0 || list[^1] != ordinal)
                        {
                            list.Add(ordinal);
                        }
                    }
                }
            }
            Bypassing = Pack(bypassing);
            _byPlace = new Holders?[organization._scopes.PlaceCount][];
            foreach (var (key, list) in lists)
            {
                var (role, place) = ((int)(key >> 32), (int)(uint)key);
                var row = _byPlace[place] ??= new Holders?[organization._lineage.RoleCount];
                row[role] = Pack(list);
            }
        }

        public CompiledMember[] Members { get; }

        public Guid[] Ids { get; }

        /// <summary>64-bit words of a bitmap over the members.</summary>
        public int Words { get; }

        public Holders Bypassing { get; }

        // Per target place, per role number: who holds that role there (most places and roles hold no one).
        private readonly Holders?[]?[] _byPlace;

        public Holders? Find(int place, int role) =>
            (uint)place < (uint)_byPlace.Length && _byPlace[place] is { } row && (uint)role < (uint)row.Length ? row[role] : null;

        public static long Key(int role, int place) => ((long)role << 32) | (uint)place;

        public int IndexAfter(Guid cursor)
        {
            var at = Array.BinarySearch(Ids, cursor);
            return at < 0 ? ~at : at + 1;
        }

        private Holders Pack(List<int> ordinals)
        {
            if (ordinals.Count * 32 < Members.Length)
            {
                return new Holders(null, [.. ordinals]);
            }
            var bits = new ulong[Words];
            foreach (var ordinal in ordinals)
            {
                bits[ordinal >> 6] |= 1UL << ordinal;
            }
            return new Holders(bits, null);
        }

        /// <summary>Members as a bitmap or as an ascending list of ordinals.</summary>
        public sealed record Holders(ulong[]? Bits, int[]? Sorted);
    }
}
