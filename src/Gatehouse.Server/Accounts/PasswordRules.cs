using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Gatehouse's password rules on top of Identity's minimum length: at most <see cref="MaximumLength"/>
/// characters, not a common password (nor one with only digits or symbols added to a common one), and not
/// the person's own email name or name. Each refusal is a sentence the person can act on.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<User>
{
    /// <summary>The longest password accepted: longer ones only cost hashing time.</summary>
    public const int MaximumLength = 200;

    // Names shorter than this are too likely to appear by chance inside a long passphrase ("Al", "Bo", "Li").
    private const int ShortestNameChecked = 4;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <inheritdoc/>
    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        password ??= string.Empty;
        // A too short password gets Identity's one sentence about length, not a pile of refusals.
        if (password.Length < manager.Options.Password.RequiredLength)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        return Task.FromResult(Check(user, password) is { } error ? IdentityResult.Failed(error) : IdentityResult.Success);
    }

    /// <summary>The broken rule for <paramref name="password"/>, or null when it may be used.</summary>
    public static IdentityError? Check(User user, string password)
    {
        if (password.Length > MaximumLength)
        {
            return Error("PasswordTooLong", $"A password has at most {MaximumLength} characters; choose a shorter one.");
        }
        if (IsCommon(password))
        {
            return Error("PasswordCommon", "This password is on a list of common passwords; choose another.");
        }
        var localPart = user.Email.Split('@')[0];
        if (Contains(password, localPart))
        {
            return Error("PasswordContainsEmail", "The password must not contain your email address; choose another.");
        }
        if (Contains(password, user.FirstName) || Contains(password, user.LastName) || Contains(password, user.FirstName + user.LastName))
        {
            return Error("PasswordContainsName", "The password must not contain your name; choose another.");
        }
        return null;
    }

    /// <summary>True for a listed password, also with digits, spaces or symbols added at its end ("sunshine2024!").</summary>
    public static bool IsCommon(string password)
    {
        var common = Common.Value;
        if (common.Contains(password))
        {
            return true;
        }
        var stem = password.TrimEnd().TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        return stem.Length >= 6 && stem.Length < password.Length && common.Contains(stem);
    }

    private static bool Contains(string password, string part) =>
        part.Trim() is { Length: >= ShortestNameChecked } trimmed && password.Contains(trimmed, StringComparison.OrdinalIgnoreCase);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Gatehouse.Server.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the gatehouse assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }
        return passwords;
    }
}
