using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Application.Email;

namespace Gatehouse.Server.Email;

/// <summary>The account emails rendered from the Razor templates (HTML and plain text).</summary>
public sealed class TemplateAccountMail(EmailComposer composer) : IAccountMail
{
    /// <inheritdoc/>
    public async Task QueuePasswordResetAsync(GatehouseDb db, User user, string link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = await composer.PasswordResetAsync(new PasswordResetMail(user.DisplayName, link));
        Queue(db, IAccountMail.PasswordReset, user.Email, email, now, SupersedeKeys.PasswordReset(user.Id));
    }

    /// <inheritdoc/>
    public async Task QueueEmailVerificationAsync(GatehouseDb db, User user, string address, string link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = await composer.EmailVerificationAsync(new EmailVerificationMail(user.DisplayName, address, link));
        Queue(db, IAccountMail.EmailVerification, address, email, now, SupersedeKeys.EmailAddress(user.Id));
    }

    // Only the newest reset (or address) message of a person is worth sending: a pending older one is superseded.
    private static void Queue(GatehouseDb db, string kind, string to, ComposedEmail email, DateTimeOffset now, string supersedeKey) =>
        db.Outbox.Add(OutboxMessage.Queued(null, kind, to, email.Subject, email.Text, email.Html, now, supersedeKey));
}
