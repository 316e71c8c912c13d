using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Accounts;

/// <summary>An emailed verification link, opened.</summary>
/// <param name="UserId">The account the link is for.</param>
/// <param name="Token">Identity's token from the link (decoded).</param>
/// <param name="NewEmail">The address an email change moves to, or null for verifying the current one.</param>
public sealed record VerifyEmailCommand(Guid UserId, string Token, string? NewEmail);

/// <summary>The address the account uses now, verified.</summary>
public sealed record VerifiedEmail(Guid UserId, string Email);

/// <summary>
/// Verifies an address with its emailed link (the token proves the address; no sign-in needed): the current address,
/// audited as <c>user.email_verified</c>, or the new address of an email change, which every organization of the person
/// sees (<c>user.email_changed</c>, see <see cref="AccountChange"/>). The new address may have been taken meanwhile.
/// </summary>
public sealed class VerifyEmailHandler(UserManager<User> users, GatehouseDb db, AccountChange change, TimeProvider time)
{
    /// <summary>True when the link would work now; opening it changes nothing (mail scanners open links).</summary>
    public async Task<bool> IsUsableAsync(VerifyEmailCommand command) =>
        await users.FindByIdAsync(command.UserId.ToString()) is { } user && (command.NewEmail is null
            ? await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<User>.ConfirmEmailTokenPurpose, command.Token)
            : await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<User>.GetChangeEmailTokenPurpose(command.NewEmail), command.Token));

    /// <summary>The verified address; or the link is not valid (gone), or the new address cannot be used (conflict).</summary>
    public async Task<Result<VerifiedEmail>> HandleAsync(Origin origin, VerifyEmailCommand command, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(command.UserId.ToString()) is not { } user)
        {
            return LinkInvalid;
        }
        var result = command.NewEmail is null ? await users.ConfirmEmailAsync(user, command.Token) : await ChangeEmailAsync(user, command.NewEmail, command.Token, origin, cancellationToken);
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail)))
        {
            return Failure.Conflict(AccountCodes.EmailUnavailable, "This address cannot be used for your account any more. Choose another one on your profile.");
        }
        if (!result.Succeeded)
        {
            return LinkInvalid;
        }
        if (command.NewEmail is null)
        {
            // An email change is audited as such (user.email_changed); this is the plain verification.
            await AccountEvents.RecordAsync(db, user, AuditActions.EmailVerified, new { email = user.Email }, Audit.ChangeClock.ChangeTime(time), origin, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new VerifiedEmail(user.Id, user.Email);
    }

    private async Task<IdentityResult> ChangeEmailAsync(User changing, string newEmail, string token, Origin origin, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(newEmail);
        // Identity checks people only; service accounts hold addresses too.
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != changing.Id, cancellationToken))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(newEmail));
        }
        return await change.ApplyAsync(changing, AuditActions.EmailChanged, u => new { email = u.Email },
            () => users.ChangeEmailAsync(changing, newEmail, token), origin, cancellationToken);
    }

    private static Failure LinkInvalid { get; } = Failure.Of(FailureKind.Gone, AccountCodes.LinkInvalid,
        "This verification link is not valid any more: it expired, it was already used, or the account changed since it was sent.");
}
