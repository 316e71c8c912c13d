using System.Text.RegularExpressions;

namespace Gatehouse.Core.Model.Loading;

/// <summary>The shape of permission codenames and role keys, and the wildcards roles may use.</summary>
internal static partial class Codename
{
    /// <summary>True for <c>resource.action</c> in lowercase letters, digits and underscores, each part starting with a letter.</summary>
    public static bool IsValid(string code) => CodePattern().IsMatch(code);

    /// <summary>True for a system role key: lowercase snake_case, not the prefix organization-made roles use (<see cref="Roles.Role.KeyPrefix"/>).</summary>
    public static bool IsValidRoleKey(string key) => PartPattern().IsMatch(key) && !key.StartsWith(Roles.Role.KeyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Which catalog permissions a role entry stands for: <c>*</c> every one, <c>resource.*</c> every action
    /// of a resource, <c>*.action</c> that action on every resource; null when the wildcard has another shape.
    /// </summary>
    public static Func<Permission, bool>? Wildcard(string pattern)
    {
        if (pattern == "*")
        {
            return _ => true;
        }
        if (pattern.EndsWith(".*", StringComparison.Ordinal) && PartPattern().IsMatch(pattern[..^2]))
        {
            var resource = pattern[..^2];
            return p => p.Resource == resource;
        }
        if (pattern.StartsWith("*.", StringComparison.Ordinal) && PartPattern().IsMatch(pattern[2..]))
        {
            var action = pattern[2..];
            return p => p.Action == action;
        }
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex PartPattern();
}
