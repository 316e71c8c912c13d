using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>The access rule of DESIGN.md for one permission at one target (null scope = the organization).</summary>
    public bool Check(Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time) =>
        (uint)permission.Index < (uint)_permissionCount
        && _membersByUser.TryGetValue(userId, out var member)
        && IsAdmitted(member, time, out var flags)
        && Decide(member.Record, flags, permission.Index, scopeId, resourceOwnerUserId == userId);

    /// <summary>Checks many queries for one user: the member is found, and the clock read, once for the batch.</summary>
    public void CheckMany(Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        if (!_membersByUser.TryGetValue(userId, out var member) || !IsAdmitted(member, time, out var flags))
        {
            answers[..queries.Length].Clear();
            return;
        }
        for (var i = 0; i < queries.Length; i++)
        {
            ref readonly var q = ref queries[i];
            answers[i] = (uint)q.Permission.Index < (uint)_permissionCount
                && Decide(member.Record, flags, q.Permission.Index, q.ScopeId, q.ResourceOwnerUserId == userId);
        }
    }

    /// <summary>The member's effective permissions at a target, after status, lockout and full access.</summary>
    public PermissionSet EffectivePermissions(Guid memberId, Guid? scopeId, TimeProvider time) =>
        FindMember(memberId) is { } member && member.IsAdmitted(time) ? HeldPermissions(member, scopeId) : PermissionSet.Empty;

    /// <summary>What the member's grants, full access and ownership give at a target, whatever their status.</summary>
    /// <remarks>A member object from another compile of this organization is read through this one, by membership id.</remarks>
    public PermissionSet HeldPermissions(CompiledMember member, Guid? scopeId)
    {
        var chain = -1;
        if ((scopeId is { } asked && !_scopeChains.TryGetValue(asked, out chain)) || FindMember(member.Entry.MemberId) is not { } current)
        {
            return PermissionSet.Empty;
        }
        if (current.BypassesChecks)
        {
            return _catalog.Everything;
        }
        var set = chain < 0 ? current.Record + MemberRecord.OrganizationWords : SetAt(current.Record, chain);
        var words = new ulong[_compiledModel.Stride];
        for (var w = 0; w < words.Length; w++)
        {
            words[w] = (uint)_data[set + (2 * w)] | ((ulong)(uint)_data[set + (2 * w) + 1] << 32);
        }
        return PermissionSet.FromWords(words);
    }

    /// <summary>The grants of a member that apply at a target (on the organization, the scope or an ancestor).</summary>
    public IEnumerable<GrantEntry> GrantsApplyingAt(CompiledMember member, Guid? scopeId)
    {
        var targets = scopeId is { } id ? SelfAndAncestors(id).Select(s => (Guid?)s.Id).ToHashSet() : [];
        return member.Grants.Where(g => g.ScopeId is null || targets.Contains(g.ScopeId));
    }

    private bool IsAdmitted(MemberSlot member, TimeProvider time, out int flags)
    {
        flags = _data[member.Record + MemberRecord.Flags];
        return (flags & MemberRecord.Active) != 0
            && ((flags & MemberRecord.HasLockout) == 0 || member.Member.IsAdmitted(time));
    }

    /// <summary>Clauses 2 to 5 of the rule for an admitted member.</summary>
    private bool Decide(int record, int flags, int bit, Guid? scopeId, bool ownsResource)
    {
        var bypasses = (flags & MemberRecord.BypassesChecks) != 0;
        var set = record + MemberRecord.OrganizationWords;
        if (scopeId is { } id)
        {
            if (!_scopeChains.TryGetValue(id, out var chain))
            {
                return false; // an unknown scope denies, even with full access
            }
            if (!bypasses && _data[record + MemberRecord.GrantedCount] > 0)
            {
                set = SetAt(record, chain);
            }
        }
        if (bypasses || Holds(set, bit))
        {
            return true;
        }
        var own = _catalog.ViewOwnIndexFor(bit);
        return own >= 0 && ownsResource && Holds(set, own);
    }

    /// <summary>
    /// Where the member's effective set at a scope (given by its chain) starts in the check data: the shared set
    /// precomputed at the nearest granted ancestor-or-self, or the member's own organization set.
    /// </summary>
    private int SetAt(int record, int chain)
    {
        var count = _data[record + MemberRecord.GrantedCount];
        var first = MemberRecord.Granted(record, _setWords);
        var granted = new ReadOnlySpan<int>(_data, first, count);
        foreach (var ancestor in ScopeAncestry.Chain(_data, chain))
        {
            // A vectorized scan beats a binary search on the handful of scopes most members have.
            var at = count <= 32 ? granted.IndexOf(ancestor) : granted.BinarySearch(ancestor);
            if (at >= 0)
            {
                return _setsBase + _data[first + count + at];
            }
        }
        return record + MemberRecord.OrganizationWords;
    }

    private bool Holds(int set, int bit) => (_data[set + (bit >> 5)] & (1 << bit)) != 0;
}
