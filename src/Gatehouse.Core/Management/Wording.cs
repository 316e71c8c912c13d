using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Management;

/// <summary>Pieces of the refusal sentences: places, labels and whom to ask.</summary>
internal static class Wording
{
    /// <summary>"in workshop Berlin" or "in the organisation".</summary>
    public static string Place(CompiledOrganization organization, Guid? target) => "in " + organization.DescribeTarget(target);

    public static string Label(CompiledOrganization organization, string permission) => $"'{organization.Model.LabelOf(permission)}'";

    public static string Label(CompiledOrganization organization, int permissionIndex) => $"'{organization.Model.Catalog[permissionIndex].FullLabel}'";

    /// <summary>The first permission of a set that another lacks, as a quoted label.</summary>
    public static string FirstMissing(CompiledOrganization organization, PermissionSet wanted, PermissionSet held) =>
        Label(organization, wanted.Except(held).Indexes().First());

    /// <summary>
    /// Names a role that holds the permission where it is needed, so the sentence tells the person
    /// whom to ask (DESIGN.md: "ask a workshop manager").
    /// </summary>
    public static string WhoToAsk(CompiledOrganization organization, string permission, Guid? target)
    {
        if (!organization.Model.Catalog.TryGetIndex(permission, out var index))
        {
            return $"ask an owner of the {organization.Model.OrganizationLabel}";
        }
        var holding = OrderedRoles(organization).Where(r => r.Permissions.Contains(index)).ToList();
        var there = target is null
            ? holding.Where(r => r.GrantableAt.HasFlag(GrantTargets.Organization)).ToList()
            : holding.Where(r => r.GrantableAt.HasFlag(GrantTargets.Scope)).ToList();
        if (there.Count > 0)
        {
            return $"ask someone with the role {Names(there)} there";
        }
        var organizationWide = holding.Where(r => r.GrantableAt.HasFlag(GrantTargets.Organization)).ToList();
        return organizationWide.Count > 0
            ? $"ask someone with the role {Names(organizationWide)} {Place(organization, null)}"
            : $"ask an owner of the {organization.Model.OrganizationLabel}";
    }

    /// <summary>System roles in the model's order, then the organization's own roles by name; never inline roles.</summary>
    public static IEnumerable<CompiledRole> OrderedRoles(CompiledOrganization organization)
    {
        var system = organization.Model.Roles.Select(r => organization.FindRole(r.Key)).OfType<CompiledRole>();
        var custom = organization.Roles.Where(r => r.Kind == RoleKind.Custom).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase);
        return system.Concat(custom);
    }

    private static string Names(IEnumerable<CompiledRole> roles) => string.Join(" or ", roles.Take(2).Select(r => $"'{r.Name}'"));
}
