using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>
/// What each member of one organization holds at each place, read straight off the snapshot (no engine code): used
/// to draw queries with a known mix of answers and to fill the dictionary floor. Places: -1 is the organization,
/// 0.. are scope indexes.
/// </summary>
internal sealed class OrganizationReference
{
    private readonly int[] _parents;
    private readonly (ulong[] Role, int Place)[][] _grants;
    private readonly int _stride;

    public OrganizationReference(AccessModel model, OrganizationSnapshot snapshot)
    {
        Snapshot = snapshot;
        _stride = (model.Catalog.Count + 63) >> 6;
        var scopeIndex = snapshot.Scopes.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _parents = [.. snapshot.Scopes.Select(s => s.ParentId is { } p && scopeIndex.TryGetValue(p, out var at) ? at : -1)];
        var roles = new Dictionary<string, ulong[]>();
        foreach (var role in model.Roles)
        {
            roles[role.Key] = Words(model, role.Permissions);
        }
        foreach (var role in snapshot.Roles)
        {
            roles[role.Key] = Words(model, role.Permissions);
        }
        var memberIndex = snapshot.Members.Select((m, i) => (m.MemberId, i)).ToDictionary(p => p.MemberId, p => p.i);
        var grants = snapshot.Members.Select(_ => new List<(ulong[], int)>()).ToArray();
        foreach (var grant in snapshot.Grants)
        {
            if (!memberIndex.TryGetValue(grant.MemberId, out var m) || !roles.TryGetValue(grant.RoleKey, out var words))
            {
                continue;
            }
            if (grant.ScopeId is not { } scope)
            {
                grants[m].Add((words, -1));
            }
            else if (scopeIndex.TryGetValue(scope, out var place))
            {
                grants[m].Add((words, place));
            }
        }
        _grants = [.. grants.Select(g => g.ToArray())];
    }

    public OrganizationSnapshot Snapshot { get; }

    /// <summary>The union of the member's roles on the place and every place above it (status and full access ignored).</summary>
    public ulong[] HeldAt(int member, int place)
    {
        var words = new ulong[_stride];
        foreach (var (role, target) in _grants[member])
        {
            if (target == -1 || Encloses(target, place))
            {
                Or(words, role);
            }
        }
        return words;
    }

    /// <summary>What the member holds at any place of the organization.</summary>
    public ulong[] HeldAnywhere(int member)
    {
        var words = new ulong[_stride];
        foreach (var (role, _) in _grants[member])
        {
            Or(words, role);
        }
        return words;
    }

    /// <summary>What a check sees: nothing for a deactivated or locked member, everything for full access or an owner.</summary>
    public ulong[] EffectiveAt(int member, int place, DateTimeOffset now)
    {
        var entry = Snapshot.Members[member];
        if (entry.Status != MemberStatus.Active || entry.LockoutEnd > now)
        {
            return new ulong[_stride];
        }
        return entry.HasFullAccess || entry.IsOwner ? [.. Enumerable.Repeat(ulong.MaxValue, _stride)] : HeldAt(member, place);
    }

    private bool Encloses(int target, int place)
    {
        for (var at = place; at >= 0; at = _parents[at])
        {
            if (at == target)
            {
                return true;
            }
        }
        return false;
    }

    private static void Or(ulong[] into, ulong[] from)
    {
        for (var w = 0; w < into.Length; w++)
        {
            into[w] |= from[w];
        }
    }

    private static ulong[] Words(AccessModel model, IEnumerable<string> codes)
    {
        var words = new ulong[(model.Catalog.Count + 63) >> 6];
        foreach (var code in codes)
        {
            if (model.Catalog.TryGetIndex(code, out var bit))
            {
                words[bit >> 6] |= 1UL << (bit & 63);
            }
        }
        return words;
    }
}
