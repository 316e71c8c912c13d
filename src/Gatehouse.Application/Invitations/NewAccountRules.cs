using Gatehouse.Application.Input;
using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Invitations;

/// <summary>The name and password rules of an account made by accepting an invitation; the accept page checks them before it posts.</summary>
public sealed class NewAccountRules(UserManager<User> users, TimeProvider time)
{
    /// <summary>The longest password accepted (hashing is slow on purpose; a megabyte of password would be slower still).</summary>
    public const int MaxPasswordLength = 200;

    /// <summary>The shortest password accepted, as Identity is configured.</summary>
    public int MinPasswordLength => users.Options.Password.RequiredLength;

    /// <summary>
    /// What is wrong with the name and password of a new account, per field (firstName, lastName, password): the
    /// name rules and every password validator registered with Identity. Empty when all is well.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(string email, string? firstName, string? lastName, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("firstName", firstName), ("lastName", lastName) })
        {
            if (!InputRules.IsPersonName(value))
            {
                errors[field] = [$"'{field}' is required: 1 to {InputRules.MaxPersonNameLength} characters, no control characters, '<' or '>'."];
            }
        }
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Choose a password."];
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"A password has at most {MaxPasswordLength} characters."];
        }
        else
        {
            var candidate = new User(Guid.Empty, email, firstName?.Trim() ?? string.Empty, lastName?.Trim() ?? string.Empty, time.GetUtcNow());
            var messages = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, candidate, password);
                messages.AddRange(result.Errors.Select(e => e.Description));
            }
            if (messages.Count > 0)
            {
                errors["password"] = [.. messages.Distinct(StringComparer.Ordinal)];
            }
        }
        return errors;
    }
}
