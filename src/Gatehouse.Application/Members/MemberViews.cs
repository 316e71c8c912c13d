using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;

namespace Gatehouse.Application.Members;

/// <summary>One grant of a member: a role at the organization (scopeId null) or at a scope.</summary>
/// <param name="RoleKey">The role's key.</param>
/// <param name="RoleName">The role's name.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
/// <param name="ScopeName">The scope's name.</param>
/// <param name="InlinePermissions">For a one-off role of this member alone (micromobility's "Custom"): its permission codes, with what they include
/// (edit gives view); null for system roles and reusable custom roles, whose permissions the roles list shows.</param>
public sealed record MemberGrantDto(string RoleKey, string RoleName, Guid? ScopeId, string? ScopeName, IReadOnlyList<string>? InlinePermissions = null);

/// <summary>What the actor may do with the member (from the management policy).</summary>
/// <param name="EditAccess">The actor may change some of the member's access.</param>
/// <param name="EditableTargets">Where the actor may add or remove the member's grants (null = the organization).</param>
/// <param name="RemovableFromScopes">Scopes the actor may remove the member from.</param>
/// <param name="ChangeFullAccess">The actor may turn full access on or off.</param>
/// <param name="Deactivate">The actor may deactivate the member.</param>
/// <param name="Reactivate">The actor may reactivate the member (a free seat is still needed).</param>
/// <param name="Remove">The actor may remove the member from the organization.</param>
/// <param name="ChangeOwnership">The actor may make the member an owner or take ownership away.</param>
/// <param name="ChangeDetails">The actor may change the member's first name, last name and phone, and resend their verification email.</param>
/// <param name="DeleteAccount">The actor may delete the member's account permanently, where the access model lets an organization do so
/// (whether the account is used in other organizations too is checked when the deletion is asked).</param>
public sealed record MemberCapabilitiesDto(bool EditAccess, IReadOnlyList<Guid?> EditableTargets, IReadOnlyList<Guid> RemovableFromScopes,
    bool ChangeFullAccess, bool Deactivate, bool Reactivate, bool Remove, bool ChangeOwnership, bool ChangeDetails, bool DeleteAccount);

/// <summary>A member as the list and the detail show them.</summary>
/// <param name="MemberId">The membership.</param>
/// <param name="UserId">The member's user account.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
/// <param name="Phone">Phone number, if given.</param>
/// <param name="Status">Active or deactivated.</param>
/// <param name="IsOwner">An owner of the organization.</param>
/// <param name="FullAccess">Full access: everything in the organization, whatever the grants.</param>
/// <param name="OrganizationWide">Owner, full access or a grant on the organization itself ([ORG] in the workshops console).</param>
/// <param name="ManagedBy">Who manages the membership (the console or provisioning).</param>
/// <param name="Grants">The member's grants.</param>
/// <param name="LastLoginAt">The latest sign-in, or null for never.</param>
/// <param name="Version">The access version to send back with a replacement of the member's access.</param>
/// <param name="Capabilities">What the actor may do with the member.</param>
/// <param name="EmailVerified">The person confirmed their email address (followed the verification link, or accepted an emailed invitation).</param>
/// <param name="EmailVerifiedAt">When they confirmed it, or null when not yet.</param>
public sealed record MemberDto(Guid MemberId, Guid UserId, string FirstName, string LastName, string Email, string? Phone, MemberStatus Status,
    bool IsOwner, bool FullAccess, bool OrganizationWide, ManagedBy ManagedBy, IReadOnlyList<MemberGrantDto> Grants, DateTimeOffset? LastLoginAt,
    int Version, MemberCapabilitiesDto Capabilities, bool EmailVerified, DateTimeOffset? EmailVerifiedAt);

/// <summary>How the member use cases show a member.</summary>
public static class MemberViews
{
    /// <summary>Longest free-text search of the member list.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>A member row as the actor who opened the organization sees it.</summary>
    public static MemberDto ToDto(OpenedOrganization opened, MemberRow row)
    {
        var organization = opened.Organization;
        var member = row.Member;
        var user = row.User;
        var grants = row.Grants
            .Select(g => GrantOf(organization, g.RoleKey, g.ScopeId))
            .ToList();
        var c = row.Capabilities;
        return new MemberDto(member.Id, user.Id, user.FirstName, user.LastName, user.Email, user.Phone, member.Status, member.IsOwner, member.HasFullAccess,
            member.IsOwner || member.HasFullAccess || row.Grants.Any(g => g.ScopeId is null), member.ManagedBy, grants, user.LastLoginAt, member.Version,
            new MemberCapabilitiesDto(c.EditAccess, c.EditableTargets, c.RemovableFromScopes, c.ChangeFullAccess, c.Deactivate, c.Reactivate, c.Remove, c.ChangeOwnership, c.ChangeDetails, c.DeleteAccount),
            user.EmailVerifiedAt is not null, user.EmailVerifiedAt);
    }

    private static MemberGrantDto GrantOf(Core.Access.CompiledOrganization organization, string roleKey, Guid? scopeId)
    {
        var role = organization.FindRole(roleKey);
        // A one-off role is nowhere else to read (the roles list shows reusable ones), so the member record carries it.
        var inline = role?.Kind == RoleKind.Inline ? organization.Model.Catalog.CodesOf(role.Permissions).ToList() : null;
        return new MemberGrantDto(roleKey, role?.Name ?? roleKey, scopeId, scopeId is { } s ? organization.FindScope(s)?.Name : null, inline);
    }
}
