using System.Net;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Application;
using Gatehouse.Server.Email;
using Gatehouse.Server.Hosting;

namespace Gatehouse.Server.Api;

/// <summary>The invitation email: the only place the plaintext token ever goes.</summary>
public static class InvitationEmail
{
    /// <summary>Outbox kind of a first invitation.</summary>
    public const string Sent = "invitation";

    /// <summary>Outbox kind of a resent invitation.</summary>
    public const string Resent = "invitation_resent";

    /// <summary>The accept link: <c>{PublicUrl or the request's base}/invitations/accept?token=…</c>.</summary>
    public static string LinkFor(string token, GatehouseOptions options, HttpRequest request) =>
        PublicLinks.For(options, request, $"/invitations/accept?token={Uri.EscapeDataString(token)}");

    /// <summary>Queues the email in the change's transaction.</summary>
    public static void Queue(WriteContext write, string kind, Invitation invitation, string inviterName, string link)
    {
        var organization = write.Organization.Name;
        var expires = $"{invitation.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        var subject = $"{inviterName} invited you to join {organization}";
        var text = $"""
            Hello,

            {inviterName} invited you to join {organization}.

            Accept the invitation here:
            {link}

            The link works until {expires}. If it has expired, ask {inviterName} to send it again.
            If you did not expect this email, you can ignore it.
            """;
        var html = $"""
            <p>Hello,</p>
            <p>{WebUtility.HtmlEncode(inviterName)} invited you to join <strong>{WebUtility.HtmlEncode(organization)}</strong>.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Accept the invitation</a></p>
            <p>The link works until {expires}. If it has expired, ask {WebUtility.HtmlEncode(inviterName)} to send it again.
            If you did not expect this email, you can ignore it.</p>
            """;
        write.Email(kind, invitation.Email, subject, text, html);
    }
}
