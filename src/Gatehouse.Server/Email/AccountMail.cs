using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;

namespace Gatehouse.Server.Email;

/// <summary>
/// The emails about a person's own account: password reset and email verification. Each call adds one outbox
/// row to <paramref name="db"/>'s change; the caller saves it, so the email is sent only if the change commits.
/// </summary>
public interface IAccountMail
{
    /// <summary>Outbox kind of a password reset email.</summary>
    const string PasswordReset = "password_reset";

    /// <summary>Outbox kind of an email verification email.</summary>
    const string EmailVerification = "email_verification";

    /// <summary>Queues the password reset email with its one-time link.</summary>
    Task QueuePasswordResetAsync(GatehouseDb db, User user, string link, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Queues the email that verifies <paramref name="address"/> (the user's address, or the one they are changing to).</summary>
    Task QueueEmailVerificationAsync(GatehouseDb db, User user, string address, string link, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Plain-text account emails.</summary>
public sealed class PlainAccountMail : IAccountMail
{
    /// <inheritdoc/>
    public Task QueuePasswordResetAsync(GatehouseDb db, User user, string link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Queue(db, IAccountMail.PasswordReset, user.Email, "Reset your password",
            $"Hello {user.DisplayName},\n\nSomeone asked to reset the password of this account. Choose a new password here:\n{link}\n\nIf it was not you, ignore this email; your password stays as it is.\n", now);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task QueueEmailVerificationAsync(GatehouseDb db, User user, string address, string link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Queue(db, IAccountMail.EmailVerification, address, "Verify your email address",
            $"Hello {user.DisplayName},\n\nConfirm that {address} is your email address:\n{link}\n", now);
        return Task.CompletedTask;
    }

    private static void Queue(GatehouseDb db, string kind, string to, string subject, string text, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            To = to,
            Subject = subject,
            TextBody = text,
            CreatedAt = now,
            NextAttemptAt = now,
        });
}
