using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Accounts;

/// <summary>A request to move the account to another email address.</summary>
/// <param name="NewEmail">The new address.</param>
/// <param name="CurrentPassword">The password, so a session left open cannot move the account away from its owner.</param>
public sealed record RequestEmailChangeCommand(string NewEmail, string CurrentPassword);

/// <summary>
/// A signed-in person asks to move their account to another address: a link goes to the new address, and the account
/// changes only when it is opened (<see cref="VerifyEmailHandler"/>). A taken address is refused without saying whose it is.
/// </summary>
public sealed class RequestEmailChangeHandler(UserManager<User> users, GatehouseDb db, VerificationMail mail, TimeProvider time)
{
    /// <summary>Where the link went, or why not (a failure about currentPassword or newEmail).</summary>
    public async Task<Result<VerificationSent>> HandleAsync(Actor actor, Origin origin, RequestEmailChangeCommand command, CancellationToken cancellationToken = default)
    {
        var own = await AccountChange.OwnAccountAsync(users, actor);
        if (!own.Succeeded)
        {
            return own.Failure;
        }
        var user = own.Value;
        var newEmail = command.NewEmail.Trim();
        if (await RefusalAsync(user, newEmail, command.CurrentPassword, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await mail.QueueAsync(db, user, newEmail, newEmail, token, origin, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new VerificationSent(newEmail);
    }

    private async Task<Failure?> RefusalAsync(User current, string newEmail, string password, CancellationToken cancellationToken)
    {
        if (!await users.CheckPasswordAsync(current, password))
        {
            return Failure.Invalid("currentPassword", AccountCodes.CurrentPasswordWrong, "The current password is not right.");
        }
        if (EmailAddress.Validate(newEmail).Error is { } invalid)
        {
            return Failure.Invalid("newEmail", AccountCodes.ValidationFailed, invalid.Message);
        }
        var normalized = EmailAddress.Normalize(newEmail);
        if (normalized == current.NormalizedEmail)
        {
            return Failure.Invalid("newEmail", AccountCodes.EmailUnchanged, "That is already your email address.");
        }
        // Says only that this address cannot be used here, not whose it is.
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ? Failure.Invalid("newEmail", AccountCodes.EmailUnavailable, "This address cannot be used for your account. Choose another one.")
            : null;
    }
}
