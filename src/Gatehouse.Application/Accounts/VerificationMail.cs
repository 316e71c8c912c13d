using System.Buffers.Text;
using System.Text;
using Gatehouse.Application.Email;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;

namespace Gatehouse.Application.Accounts;

/// <summary>Queues the email that proves an address: a link to the verification page, starting with the configured public URL.</summary>
public sealed class VerificationMail(IEmailComposer composer)
{
    /// <summary>The outbox kind of these emails.</summary>
    public const string Kind = "email_verification";

    /// <summary>Identity's token as it goes into a link: Base64Url, so it survives a query string untouched.</summary>
    public static string Encode(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// Queues the email to <paramref name="address"/> (the caller saves); the newest one to a person supersedes pending
    /// older ones. <paramref name="newEmail"/> is the address an email change moves to, or null for a plain verification.
    /// </summary>
    public async Task QueueAsync(GatehouseDb db, User user, string address, string? newEmail, string token, Origin origin, DateTimeOffset now)
    {
        var link = origin.LinkTo(newEmail is null
            ? $"/account/verify-email?user={user.Id}&token={Encode(token)}"
            : $"/account/verify-email?user={user.Id}&email={Uri.EscapeDataString(newEmail)}&token={Encode(token)}");
        var email = await composer.EmailVerificationAsync(new EmailVerificationMail(user.DisplayName, address, link));
        db.Outbox.Add(OutboxMessage.Queued(null, Kind, address, email.Subject, email.Text, email.Html, now, SupersedeKeys.EmailAddress(user.Id)));
    }
}
