namespace Gatehouse.Server.Api;

/// <summary>Checks on request fields that several endpoints share; each returns a 400 problem naming the field, or null.</summary>
public static partial class Validation
{
    /// <summary>Longest name accepted for organizations, scopes and roles.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A required display name.</summary>
    public static IResult? Name(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Problems.Invalid(field, ProblemCodes.ValidationFailed, $"'{field}' is required.")
        : value.Length > MaxNameLength ? Problems.Invalid(field, ProblemCodes.ValidationFailed, $"'{field}' must be at most {MaxNameLength} characters.")
        : value.Any(char.IsControl) ? Problems.Invalid(field, ProblemCodes.ValidationFailed, $"'{field}' must not contain control characters.")
        : value.AsSpan().IndexOfAny('<', '>') >= 0 ? Problems.Invalid(field, ProblemCodes.ValidationFailed, $"'{field}' must not contain '<' or '>'; names are shown in emails and pages.")
        : null;

    /// <summary>Longest first or last name of a person.</summary>
    public const int MaxPersonNameLength = 100;

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

    /// <summary>A plan name and seat limit.</summary>
    public static IResult? Plan(string? plan, int? seatLimit) =>
        plan is not null && (plan.Length > 100 || string.IsNullOrWhiteSpace(plan)) ? Problems.Invalid("plan", ProblemCodes.ValidationFailed, "'plan' must be 1 to 100 characters.")
        : seatLimit is < 0 or > 10_000_000 ? Problems.Invalid("seatLimit", ProblemCodes.ValidationFailed, "'seatLimit' must be between 0 and 10,000,000, or left out for no limit.")
        : null;
}
