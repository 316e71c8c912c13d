namespace Gatehouse.Core.Model;

/// <summary>The management permissions every catalog holds (DESIGN.md, "The access rule").</summary>
public static class ManagementPermissions
{
    /// <summary>See the members of a target.</summary>
    public const string View = "members.view";

    /// <summary>Invite new people to a target.</summary>
    public const string Invite = "members.invite";

    /// <summary>Give existing members access to a target, change or remove their grants there.</summary>
    public const string Assign = "members.assign";

    /// <summary>Deactivate and reactivate members.</summary>
    public const string Deactivate = "members.deactivate";

    /// <summary>Remove members from the organization.</summary>
    public const string Delete = "members.delete";

    /// <summary>Create, edit and delete custom roles.</summary>
    public const string ManageRoles = "roles.manage";

    /// <summary>Read the audit log.</summary>
    public const string ViewAudit = "audit.view";

    /// <summary>Manage the organization itself (name, scopes).</summary>
    public const string ManageOrganization = "organization.manage";

    /// <summary>
    /// The management rights a member must not hold beyond the actor's own for the actor to deactivate or remove
    /// them (all but <c>audit.view</c>, which manages nobody): otherwise one could lock out someone above them.
    /// </summary>
    public static IReadOnlyList<string> LockOut { get; } = [View, Invite, Assign, Deactivate, Delete, ManageRoles, ManageOrganization];

    /// <summary>All of them, in catalog order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [View, Invite, Assign, Deactivate, Delete, ManageRoles, ViewAudit, ManageOrganization];
}
