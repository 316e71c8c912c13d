using Gatehouse.Application.Input;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Accounts;

/// <summary>A person's new name and phone.</summary>
/// <param name="FirstName">First name (1 to 100 characters; trimmed).</param>
/// <param name="LastName">Last name (1 to 100 characters; trimmed).</param>
/// <param name="Phone">Phone number, or null or blank for none.</param>
public sealed record ChangeProfileCommand(string? FirstName, string? LastName, string? Phone);

/// <summary>A person's profile as saved.</summary>
public sealed record ProfileDto(Guid UserId, string FirstName, string LastName, string? Phone);

/// <summary>
/// A person changes their own name and phone: every organization they belong to sees it, so each records
/// <c>user.profile_changed</c> and reloads (see <see cref="AccountChange"/>).
/// </summary>
public sealed class ChangeProfileHandler(UserManager<User> users, AccountChange change)
{
    /// <summary>The saved profile, or why it was not saved.</summary>
    public async Task<Result<ProfileDto>> HandleAsync(Actor actor, Origin origin, ChangeProfileCommand command, CancellationToken cancellationToken = default)
    {
        var own = await AccountChange.OwnAccountAsync(users, actor);
        if (!own.Succeeded)
        {
            return own.Failure;
        }
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }
        var (first, last, phone) = Normalize(command);
        var user = own.Value;
        var result = await change.ApplyAsync(user, AuditActions.ProfileChanged, u => new { firstName = u.FirstName, lastName = u.LastName, phone = u.Phone },
            () =>
            {
                user.UpdateProfile(first, last, phone, user.Locale);
                return users.UpdateAsync(user);
            },
            origin, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Saving a validated profile failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        return new ProfileDto(user.Id, user.FirstName, user.LastName, user.Phone);
    }

    /// <summary>The trimmed first and last name, and the phone (null for none).</summary>
    public static (string First, string Last, string? Phone) Normalize(ChangeProfileCommand command) =>
        (command.FirstName?.Trim() ?? "", command.LastName?.Trim() ?? "", string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim());

    /// <summary>Why a name and phone cannot be saved (the first field wrong), or null: the same sentences wherever a profile changes.</summary>
    public static Failure? Validate(ChangeProfileCommand command)
    {
        var (first, last, phone) = (command.FirstName?.Trim(), command.LastName?.Trim(), string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim());
        if (!InputRules.IsPersonName(first))
        {
            return Failure.Invalid("firstName", AccountCodes.ValidationFailed, "Enter a first name of 1 to 100 characters, without '<' or '>'.");
        }
        if (!InputRules.IsPersonName(last))
        {
            return Failure.Invalid("lastName", AccountCodes.ValidationFailed, "Enter a last name of 1 to 100 characters, without '<' or '>'.");
        }
        if (phone is not null && !InputRules.IsPhone(phone))
        {
            return Failure.Invalid("phone", AccountCodes.ValidationFailed,
                "Enter a phone number of 3 to 40 digits, spaces and ( ) - . / with an optional leading +, or leave it empty.");
        }
        return null;
    }
}
