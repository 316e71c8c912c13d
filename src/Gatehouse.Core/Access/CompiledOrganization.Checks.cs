using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>The access rule of DESIGN.md for one permission at one target (null scope = the organization).</summary>
    public bool Check(Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time)
    {
        if ((uint)permission.Index >= (uint)Model.Catalog.Count
            || !_membersByUser.TryGetValue(userId, out var member) || !member.IsActive || IsLocked(member, time))
        {
            return false;
        }
        var ancestors = ScopeAncestry(scopeId);
        if (ancestors.IsUnknown)
        {
            return false;
        }
        if (member.BypassesChecks)
        {
            return true;
        }
        if (Holds(member, permission.Index, ancestors.Indexes))
        {
            return true;
        }
        var own = Model.Catalog.ViewOwnIndexFor(permission.Index);
        return own >= 0 && resourceOwnerUserId == userId && Holds(member, own, ancestors.Indexes);
    }

    /// <summary>The member's effective permissions at a target, after status, lockout and full access.</summary>
    public PermissionSet EffectivePermissions(Guid memberId, Guid? scopeId, TimeProvider time)
    {
        var member = FindMember(memberId);
        return member is null || !member.IsActive || IsLocked(member, time) ? PermissionSet.Empty : HeldPermissions(member, scopeId);
    }

    /// <summary>What the member's grants, full access and ownership give at a target, whatever their status.</summary>
    public PermissionSet HeldPermissions(CompiledMember member, Guid? scopeId)
    {
        if (scopeId is { } asked && !HasScope(asked))
        {
            return PermissionSet.Empty;
        }
        // A member object from an earlier compile of this organization is read through this compile.
        member = FindMember(member.Entry.MemberId) ?? member;
        if (member.BypassesChecks)
        {
            return _everything;
        }
        var set = new PermissionSet.Builder(Model.Catalog.Count).Add(member.OrganizationBits);
        if (scopeId is { } id && _scopeIndex.TryGetValue(id, out var index))
        {
            foreach (var ancestor in _ancestors[index])
            {
                if (member.DirectBits(ancestor) is { } bits)
                {
                    set.Add(bits);
                }
            }
        }
        else if (scopeId is not null)
        {
            return PermissionSet.Empty;
        }
        return set.Build();
    }

    /// <summary>The grants of a member that apply at a target (on the organization, the scope or an ancestor).</summary>
    public IEnumerable<GrantEntry> GrantsApplyingAt(CompiledMember member, Guid? scopeId)
    {
        var targets = scopeId is { } id ? SelfAndAncestors(id).Select(s => (Guid?)s.Id).ToHashSet() : [];
        return member.Grants.Where(g => g.ScopeId is null || targets.Contains(g.ScopeId));
    }

    private static bool Holds(CompiledMember member, int bit, ReadOnlySpan<int> ancestors)
    {
        if (member.OrganizationBits.Contains(bit))
        {
            return true;
        }
        foreach (var ancestor in ancestors)
        {
            if (member.DirectBits(ancestor) is { } bits && bits.Contains(bit))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsLocked(CompiledMember member, TimeProvider time) =>
        member.Entry.LockoutEnd is { } end && end > time.GetUtcNow();

    private (bool IsUnknown, int[] Indexes) ScopeAncestry(Guid? scopeId)
    {
        if (scopeId is not { } id)
        {
            return (false, []);
        }
        return _scopeIndex.TryGetValue(id, out var index) ? (false, _ancestors[index]) : (true, []);
    }
}
