using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>The access rule of DESIGN.md for one permission at one target (null scope = the organization).</summary>
    public bool Check(Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time) =>
        (uint)permission.Index < (uint)_catalog.Count
        && _membersByUser.TryGetValue(userId, out var member)
        && member.IsAdmitted(time)
        && Decide(member, permission.Index, scopeId, resourceOwnerUserId == userId);

    /// <summary>Checks many queries for one user: the member is found, and the clock read, once for the batch.</summary>
    public void CheckMany(Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        if (!_membersByUser.TryGetValue(userId, out var member) || !member.IsAdmitted(time))
        {
            answers[..queries.Length].Clear();
            return;
        }
        for (var i = 0; i < queries.Length; i++)
        {
            ref readonly var q = ref queries[i];
            answers[i] = (uint)q.Permission.Index < (uint)_catalog.Count
                && Decide(member, q.Permission.Index, q.ScopeId, q.ResourceOwnerUserId == userId);
        }
    }

    /// <summary>The member's effective permissions at a target, after status, lockout and full access.</summary>
    public PermissionSet EffectivePermissions(Guid memberId, Guid? scopeId, TimeProvider time) =>
        FindMember(memberId) is { } member && member.IsAdmitted(time) ? HeldPermissions(member, scopeId) : PermissionSet.Empty;

    /// <summary>What the member's grants, full access and ownership give at a target, whatever their status.</summary>
    /// <remarks>A member object from another compile of this organization is read through this one, by membership id.</remarks>
    public PermissionSet HeldPermissions(CompiledMember member, Guid? scopeId)
    {
        var scope = -1;
        if ((scopeId is { } asked && !_scopeIndex.TryGetValue(asked, out scope)) || FindMember(member.Entry.MemberId) is not { } current)
        {
            return PermissionSet.Empty;
        }
        if (current.BypassesChecks)
        {
            return _compiledModel.Everything;
        }
        var set = scope < 0 ? current.OrganizationSet : SetAt(current, scope);
        return PermissionSet.FromWords(_words.AsSpan(set, _stride));
    }

    /// <summary>The grants of a member that apply at a target (on the organization, the scope or an ancestor).</summary>
    public IEnumerable<GrantEntry> GrantsApplyingAt(CompiledMember member, Guid? scopeId)
    {
        var targets = scopeId is { } id ? SelfAndAncestors(id).Select(s => (Guid?)s.Id).ToHashSet() : [];
        return member.Grants.Where(g => g.ScopeId is null || targets.Contains(g.ScopeId));
    }

    /// <summary>Clauses 2 to 5 of the rule for an admitted member.</summary>
    private bool Decide(CompiledMember member, int bit, Guid? scopeId, bool ownsResource)
    {
        var set = member.OrganizationSet;
        if (scopeId is { } id)
        {
            if (!_scopeIndex.TryGetValue(id, out var scope))
            {
                return false; // an unknown scope denies, even with full access
            }
            if (member.GrantedCount > 0 && !member.BypassesChecks)
            {
                set = SetAt(member, scope);
            }
        }
        if (member.BypassesChecks || Holds(set, bit))
        {
            return true;
        }
        var own = _catalog.ViewOwnIndexFor(bit);
        return own >= 0 && ownsResource && Holds(set, own);
    }

    /// <summary>The word offset of the member's effective set at a scope: the one precomputed at the nearest granted ancestor-or-self.</summary>
    private int SetAt(CompiledMember member, int scope)
    {
        var granted = new ReadOnlySpan<int>(_grantedScopes, member.GrantedStart, member.GrantedCount);
        foreach (var ancestor in _ancestry.Of(scope))
        {
            // A vectorized scan beats a binary search on the handful of scopes most members have.
            var at = granted.Length <= 32 ? granted.IndexOf(ancestor) : granted.BinarySearch(ancestor);
            if (at >= 0)
            {
                return _grantedSets[member.GrantedStart + at];
            }
        }
        return member.OrganizationSet;
    }

    private bool Holds(int set, int bit) => (_words[set + (bit >> 6)] & (1UL << bit)) != 0;
}
