using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Accounts;

/// <summary>The address a verification email went to.</summary>
public sealed record VerificationSent(string Email);

/// <summary>A signed-in person asks for the email that verifies their current address (again).</summary>
public sealed class SendVerificationEmailHandler(UserManager<User> users, GatehouseDb db, VerificationMail mail, TimeProvider time)
{
    /// <summary>Where the email went, or why none was sent (the address is verified already).</summary>
    public async Task<Result<VerificationSent>> HandleAsync(Actor actor, Origin origin, CancellationToken cancellationToken = default)
    {
        var own = await AccountChange.OwnAccountAsync(users, actor);
        if (!own.Succeeded)
        {
            return own.Failure;
        }
        var user = own.Value;
        if (user.EmailVerifiedAt is not null)
        {
            return Failure.Conflict(AccountCodes.AlreadyVerified, $"{user.Email} is verified already.");
        }
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await mail.QueueAsync(db, user, user.Email, null, token, origin, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new VerificationSent(user.Email);
    }
}
