using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Accounts;

/// <summary>A person's password change.</summary>
/// <param name="CurrentPassword">The password in use now.</param>
/// <param name="NewPassword">The new one (the password rules Identity is configured with).</param>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword);

/// <summary>
/// A person changes their own password with the current one: the new security stamp ends every session (the surface
/// renews its own), and <c>user.password_changed</c> is recorded in each organization of theirs.
/// </summary>
public sealed class ChangePasswordHandler(UserManager<User> users, GatehouseDb db, TimeProvider time)
{
    /// <summary>True once changed; otherwise the failure, with a sentence per field (currentPassword, password).</summary>
    public async Task<Result<bool>> HandleAsync(Actor actor, Origin origin, ChangePasswordCommand command, CancellationToken cancellationToken = default)
    {
        var own = await AccountChange.OwnAccountAsync(users, actor);
        if (!own.Succeeded)
        {
            return own.Failure;
        }
        var user = own.Value;
        var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
        if (!result.Succeeded)
        {
            var fields = new Dictionary<string, string[]>();
            foreach (var error in result.Errors)
            {
                var (field, sentence) = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? ("currentPassword", "The current password is not right.")
                    : ("password", error.Description);
                fields[field] = [.. fields.GetValueOrDefault(field, []), sentence];
            }
            var code = fields.ContainsKey("currentPassword") ? AccountCodes.CurrentPasswordWrong : AccountCodes.PasswordRejected;
            return new Failure(FailureKind.Invalid, code, string.Join(" ", fields.Values.SelectMany(v => v)), fields);
        }
        await AccountEvents.RecordAsync(db, user, AuditActions.PasswordChanged, null, Audit.ChangeClock.ChangeTime(time), origin, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
