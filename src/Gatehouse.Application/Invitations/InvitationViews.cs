using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;

namespace Gatehouse.Application.Invitations;

/// <summary>A proposed grant as the API shows it: the role and place by key and by name.</summary>
public sealed record InvitationGrantDto(string RoleKey, string RoleName, Guid? ScopeId, string ScopeName);

/// <summary>Who sent (or last resent) an invitation; <c>memberId</c> is null when product support sent it.</summary>
public sealed record InviterDto(Guid? MemberId, string Name);

/// <summary>An invitation (never with its token); the invitee's name and phone when the inviter gave them; <c>owner</c> when accepting makes them an owner.</summary>
public sealed record InvitationDto(
    Guid Id,
    string Email,
    string? FirstName,
    string? LastName,
    string? Phone,
    IReadOnlyList<InvitationGrantDto> Grants,
    bool FullAccess,
    bool Owner,
    InviterDto InvitedBy,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    InvitationStatus Status,
    int ResendCount,
    InvitationCapabilities Capabilities);

/// <summary>Turns invitations into what the API shows, naming roles, places and inviters from the compiled organization.</summary>
public static class InvitationViews
{
    /// <summary>What product support is called where an inviter has no membership.</summary>
    public const string ProductSupport = "Product support";

    /// <summary>The answer shape of one invitation as <paramref name="actor"/> sees it.</summary>
    public static InvitationDto ToDto(Invitation invitation, CompiledOrganization organization, PolicyActor actor, DateTimeOffset now, IReadOnlyDictionary<string, string>? extraRoleNames = null) =>
        new(invitation.Id,
            invitation.Email,
            invitation.FirstName,
            invitation.LastName,
            invitation.Phone,
            Grants(invitation.Grants, organization, extraRoleNames),
            invitation.FullAccess,
            invitation.Ownership,
            Inviter(invitation, organization),
            invitation.SentAt,
            invitation.ExpiresAt,
            invitation.StatusAt(now),
            invitation.ResendCount,
            InvitationCapabilities.Evaluate(organization, actor, invitation));

    /// <summary>The grants with role and place names.</summary>
    public static IReadOnlyList<InvitationGrantDto> Grants(IEnumerable<GrantSpec> grants, CompiledOrganization organization, IReadOnlyDictionary<string, string>? extraRoleNames = null) =>
        [.. grants.Select(g => new InvitationGrantDto(
            g.RoleKey,
            organization.FindRole(g.RoleKey)?.Name ?? extraRoleNames?.GetValueOrDefault(g.RoleKey) ?? g.RoleKey,
            g.ScopeId,
            PlaceName(g.ScopeId, organization)))];

    /// <summary>Who sent the invitation.</summary>
    public static InviterDto Inviter(Invitation invitation, CompiledOrganization organization) =>
        organization.FindMember(invitation.InvitedByMemberId) is { } member
            ? new InviterDto(member.Entry.MemberId, member.Entry.Name)
            : new InviterDto(invitation.InvitedByMemberId == Guid.Empty ? null : invitation.InvitedByMemberId, ProductSupport);

    private static string PlaceName(Guid? scopeId, CompiledOrganization organization) =>
        scopeId is not { } id ? "the whole " + organization.Model.OrganizationLabel
        : organization.Scopes.FirstOrDefault(s => s.Id == id)?.Name ?? "a deleted " + (organization.Model.Scopes?.Singular ?? "scope");
}
