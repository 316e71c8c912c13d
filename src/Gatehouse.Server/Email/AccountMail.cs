using Gatehouse.Core.Users;
using Gatehouse.Data;

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
