using Gatehouse.Application.Audit;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Accounts;

/// <summary>A new password set through the emailed reset link.</summary>
/// <param name="UserId">The account the link names.</param>
/// <param name="Token">The link's token, decoded.</param>
/// <param name="NewPassword">The new password (the password rules Identity is configured with).</param>
public sealed record ResetPasswordCommand(string UserId, string Token, string NewPassword);

/// <summary>
/// Sets a new password with the one-time link of a password reset email. The link proves the address, so the email
/// counts as verified, and a reset lifts a lockout and clears the failed sign-ins, in the same write as the password;
/// <c>user.password_reset</c> is recorded in each organization of the person. Nobody is signed in: the link is the proof.
/// </summary>
public sealed class ResetPasswordHandler(UserManager<User> users, GatehouseDb db, TimeProvider time)
{
    /// <summary>True when the link can still be used (the page shows the form only then).</summary>
    public async Task<bool> IsUsableAsync(string? userId, string? token) =>
        await FindAsync(userId, token) is not null;

    /// <summary>True once the password is set; Gone when the link is unknown, used or expired; Invalid (field password) when the password is refused.</summary>
    public async Task<Result<bool>> HandleAsync(Origin origin, ResetPasswordCommand command, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(command.UserId, command.Token) is not { } user)
        {
            return LinkGone();
        }
        user.ResetFailedSignIns();
        user.LockUntil(null);
        user.VerifyEmail(time.GetUtcNow());
        var result = await users.ResetPasswordAsync(user, command.Token, command.NewPassword);
        if (result.Succeeded)
        {
            await AccountEvents.RecordAsync(db, user, AuditActions.PasswordReset, null, time.ChangeTime(), origin, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return LinkGone();
        }
        var sentences = result.Errors.Select(e => e.Description).ToArray();
        return new Failure(FailureKind.Invalid, AccountCodes.PasswordRejected, string.Join(" ", sentences),
            new Dictionary<string, string[]> { ["password"] = sentences });
    }

    private async Task<User?> FindAsync(string? userId, string? token)
    {
        if (userId is null || token is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token)
            ? user
            : null;
    }

    private static Failure LinkGone() =>
        Failure.Of(FailureKind.Gone, AccountCodes.ResetLinkInvalid, "This password reset link is not valid any more: it was already used, it expired, or a newer link replaced it.");
}
