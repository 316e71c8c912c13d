using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>The access rule without a compile step: each check walks the organization's members, scopes and every grant.</summary>
public sealed class NaiveAccessRule(AccessModel model, IEnumerable<OrganizationSnapshot> organizations, TimeProvider time)
{
    private readonly Dictionary<Guid, OrganizationSnapshot> _organizations = organizations.ToDictionary(o => o.OrganizationId);

    /// <summary>Same answer as <see cref="AccessEngine.Check"/>.</summary>
    public bool Check(Guid organizationId, Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId)
    {
        if (!_organizations.TryGetValue(organizationId, out var organization) || (uint)permission.Index >= (uint)model.Catalog.Count)
        {
            return false;
        }
        MemberEntry? member = null;
        foreach (var candidate in organization.Members)
        {
            if (candidate.UserId == userId)
            {
                member = candidate;
                break;
            }
        }
        if (member is null || member.Status != MemberStatus.Active || member.LockoutEnd > time.GetUtcNow())
        {
            return false;
        }
        if (scopeId is { } asked && IndexOfScope(organization, asked) < 0)
        {
            return false;
        }
        if (member.HasFullAccess || member.IsOwner)
        {
            return true;
        }
        var code = model.Catalog[permission.Index].Code;
        if (Holds(organization, member, code, scopeId))
        {
            return true;
        }
        var own = model.Catalog.ViewOwnIndexFor(permission.Index);
        return own >= 0 && resourceOwnerUserId == userId && Holds(organization, member, model.Catalog[own].Code, scopeId);
    }

    private bool Holds(OrganizationSnapshot organization, MemberEntry member, string code, Guid? scopeId)
    {
        foreach (var grant in organization.Grants)
        {
            if (grant.MemberId == member.MemberId && AppliesAt(organization, grant.ScopeId, scopeId) && RoleHolds(organization, grant.RoleKey, code))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AppliesAt(OrganizationSnapshot organization, Guid? target, Guid? scopeId)
    {
        if (target is null)
        {
            return true;
        }
        for (var at = scopeId is { } s ? IndexOfScope(organization, s) : -1; at >= 0;)
        {
            var scope = organization.Scopes[at];
            if (scope.Id == target)
            {
                return true;
            }
            at = scope.ParentId is { } parent ? IndexOfScope(organization, parent) : -1;
        }
        return false;
    }

    private bool RoleHolds(OrganizationSnapshot organization, string key, string code)
    {
        if (model.FindRole(key) is { } system)
        {
            return system.Permissions.Contains(code);
        }
        foreach (var role in organization.Roles)
        {
            if (role.Key == key)
            {
                return role.Permissions.Contains(code);
            }
        }
        return false;
    }

    private static int IndexOfScope(OrganizationSnapshot organization, Guid id)
    {
        for (var i = 0; i < organization.Scopes.Count; i++)
        {
            if (organization.Scopes[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }
}
