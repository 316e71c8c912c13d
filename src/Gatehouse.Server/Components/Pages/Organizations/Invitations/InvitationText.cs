using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;
using Gatehouse.Server.Api;
using Gatehouse.Application.Invitations;

namespace Gatehouse.Server.Components.Pages.Organizations.Invitations;

/// <summary>One line of what an invitation offers; <paramref name="OrganizationWide"/> lines carry the [ORG] badge.</summary>
public sealed record AccessLine(string Text, bool OrganizationWide);

/// <summary>How the invitation pages word invitations, in the access model's words.</summary>
public static class InvitationText
{
    /// <summary>Full access first, then each role and where it applies.</summary>
    public static IEnumerable<AccessLine> Access(InvitationDto invitation, AccessModel model)
    {
        if (invitation.FullAccess)
        {
            yield return new AccessLine($"Full access to the whole {model.OrganizationLabel}", model.Scopes is not null);
        }
        foreach (var grant in invitation.Grants)
        {
            yield return grant.ScopeId is null
                ? new AccessLine(model.Scopes is null ? grant.RoleName : $"{grant.RoleName}, {model.OrganizationLabel}-wide", model.Scopes is not null)
                : new AccessLine($"{grant.RoleName} in {model.Scopes?.Singular ?? "scope"} {grant.ScopeName}", false);
        }
    }

    /// <summary>The invitee's name as the inviter gave it, or null.</summary>
    public static string? Name(InvitationDto invitation) =>
        string.Join(' ', new[] { invitation.FirstName, invitation.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null;

    /// <summary>The status as a word.</summary>
    public static string Status(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "Pending",
        InvitationStatus.Accepted => "Accepted",
        InvitationStatus.Revoked => "Revoked",
        _ => "Expired",
    };

    /// <summary>"Invitation sent to a@example.com." for the invitations just sent that the list shows.</summary>
    public static string Sent(IReadOnlyCollection<string> emails) => emails.Count switch
    {
        0 => "Invitations sent.",
        1 => $"Invitation sent to {emails.First()}.",
        _ => $"Invitations sent to {string.Join(", ", emails)}.",
    };
}
