using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>The access rule of DESIGN.md read straight off a snapshot: walks every grant, no bitsets, nothing precomputed.</summary>
internal static class ReferenceAccessRule
{
    public static bool Allowed(
        IReadOnlyList<string> catalog,
        IReadOnlyList<RoleDefinition> systemRoles,
        OrganizationSnapshot organization,
        DateTimeOffset now,
        GeneratedQuery query,
        IReadOnlyDictionary<string, string[]>? implies = null)
    {
        if (query.Permission < 0 || query.Permission >= catalog.Count)
        {
            return false;
        }
        var member = organization.Members.FirstOrDefault(m => m.UserId == query.UserId);
        if (member is null || member.Status != MemberStatus.Active || member.LockoutEnd > now)
        {
            return false;
        }
        if (query.ScopeId is { } asked && !organization.Scopes.Any(s => s.Id == asked))
        {
            return false;
        }
        if (member.HasFullAccess || member.IsOwner)
        {
            return true;
        }
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grant in organization.Grants)
        {
            if (grant.MemberId == member.MemberId && AppliesAt(organization, grant.ScopeId, query.ScopeId))
            {
                held.UnionWith(PermissionsOfRole(systemRoles, organization, grant.RoleKey).Where(catalog.Contains));
            }
        }
        // "Edit includes view": whatever a held permission implies is held too, followed until nothing is added.
        for (var added = implies is not null; added;)
        {
            var implied = held.SelectMany(h => implies!.GetValueOrDefault(h) ?? []).Where(catalog.Contains).ToList();
            added = false;
            foreach (var more in implied)
            {
                added |= held.Add(more);
            }
        }
        var code = catalog[query.Permission];
        if (held.Contains(code))
        {
            return true;
        }
        return code.EndsWith(".view", StringComparison.Ordinal)
            && held.Contains(code + "_own")
            && query.OwnerUserId == query.UserId;
    }

    /// <summary>A grant on the organization applies everywhere; a grant on a scope applies at it and below it.</summary>
    private static bool AppliesAt(OrganizationSnapshot organization, Guid? grantTarget, Guid? askedScope)
    {
        if (grantTarget is null)
        {
            return true;
        }
        if (!organization.Scopes.Any(s => s.Id == grantTarget))
        {
            return false;
        }
        var visited = new HashSet<Guid>();
        for (var current = askedScope; current is { } id && visited.Add(id);)
        {
            if (id == grantTarget)
            {
                return true;
            }
            current = organization.Scopes.FirstOrDefault(s => s.Id == id)?.ParentId;
        }
        return false;
    }

    /// <summary>A role the organization does not have (deleted) holds nothing.</summary>
    private static IEnumerable<string> PermissionsOfRole(IReadOnlyList<RoleDefinition> systemRoles, OrganizationSnapshot organization, string key) =>
        systemRoles.FirstOrDefault(r => r.Key == key)?.Permissions
        ?? organization.Roles.FirstOrDefault(r => r.Key == key)?.Permissions
        ?? [];
}
