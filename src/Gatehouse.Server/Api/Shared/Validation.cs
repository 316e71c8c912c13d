using Gatehouse.Application.Input;

namespace Gatehouse.Server.Api.Shared;

/// <summary>Checks on request fields that several endpoints share; each returns a 400 problem naming the field, or null.</summary>
public static class Validation
{
    /// <summary>Longest name accepted for organizations, scopes and roles.</summary>
    public const int MaxNameLength = InputRules.MaxNameLength;

    /// <summary>A required display name.</summary>
    public static IResult? Name(string? value, string field) => InputRules.Name(value, field)?.ToProblem();

    /// <summary>Longest first or last name of a person.</summary>
    public const int MaxPersonNameLength = InputRules.MaxPersonNameLength;

    /// <summary>True when a person's first or last name may be stored (<see cref="InputRules.IsPersonName"/>).</summary>
    public static bool IsPersonName(string? value) => InputRules.IsPersonName(value);

    /// <summary>True when a phone number may be stored (<see cref="InputRules.IsPhone"/>).</summary>
    public static bool IsPhone(string? value) => InputRules.IsPhone(value);
}
