using Gatehouse.Application.Email;
using Gatehouse.Application.Work;
using Gatehouse.Core.Invitations;
using Gatehouse.Data.Records;

namespace Gatehouse.Application.Invitations;

/// <summary>The invitation email: the only place the plaintext token ever goes.</summary>
public static class InvitationEmail
{
    /// <summary>Outbox kind of a first invitation.</summary>
    public const string Sent = "invitation";

    /// <summary>Outbox kind of a resent invitation.</summary>
    public const string Resent = "invitation_resent";

    /// <summary>The accept link: <c>{the public URL}/invitations/accept?token=…</c>, whatever host the request named.</summary>
    public static string LinkFor(string token, Origin origin) => origin.LinkTo($"/invitations/accept?token={Uri.EscapeDataString(token)}");

    /// <summary>Renders the email (<see cref="Sent"/> or <see cref="Resent"/>) and queues it in the change's transaction.</summary>
    public static async Task QueueAsync(WriteContext write, IEmailComposer composer, string kind, Invitation invitation, string inviterName, string link,
        IReadOnlyDictionary<string, string>? extraRoleNames = null)
    {
        var organization = write.Compiled;
        var grants = InvitationViews.Grants(invitation.Grants, organization, extraRoleNames).Select(g => new GrantLine(g.RoleName, g.ScopeName)).ToList();
        var mail = new InvitationMail(write.Organization.Name, organization.Model.OrganizationLabel, inviterName, grants, invitation.FullAccess, link,
            invitation.ExpiresAt, invitation.FirstName);
        var email = kind == Resent ? await composer.InvitationResentAsync(mail) : await composer.InvitationAsync(mail);
        // A resend makes the earlier link dead: an earlier email still waiting for SMTP must not go out.
        write.Email(kind, invitation.Email, email.Subject, email.Text, email.Html, SupersedeKeys.Invitation(invitation.Id));
    }
}
