using Gatehouse.Application.Work;

namespace Gatehouse.Application.Input;

/// <summary>Rules on input fields that several use cases share; each failure names the field.</summary>
public static partial class InputRules
{
    /// <summary>Longest name accepted for organizations, scopes and roles.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest first or last name of a person.</summary>
    public const int MaxPersonNameLength = 100;

    /// <summary>A required display name (organization, scope, role, API key): the failure naming <paramref name="field"/>, or null.</summary>
    public static Failure? Name(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Failure.Invalid(field, WorkCodes.ValidationFailed, $"'{field}' is required.")
        : value.Length > MaxNameLength ? Failure.Invalid(field, WorkCodes.ValidationFailed, $"'{field}' must be at most {MaxNameLength} characters.")
        : value.Any(char.IsControl) ? Failure.Invalid(field, WorkCodes.ValidationFailed, $"'{field}' must not contain control characters.")
        : value.AsSpan().IndexOfAny('<', '>') >= 0 ? Failure.Invalid(field, WorkCodes.ValidationFailed, $"'{field}' must not contain '<' or '>'; names are shown in emails and pages.")
        : null;

    /// <summary>
    /// True when a person's first or last name may be stored: 1 to 100 characters, no control characters and no '&lt;' or '&gt;'
    /// (names end up in emails and pages, like the names of <see cref="Name"/>).
    /// </summary>
    public static bool IsPersonName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxPersonNameLength && !value.Any(char.IsControl) && value.AsSpan().IndexOfAny('<', '>') < 0;

    /// <summary>True when a phone number may be stored: 3 to 40 digits, spaces and ( ) - . / with an optional leading +.</summary>
    public static bool IsPhone(string? value) => value is not null && PhoneNumber().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9 ()\-./]{3,40}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumber();
}
