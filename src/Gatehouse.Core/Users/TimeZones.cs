using System.Text.RegularExpressions;

namespace Gatehouse.Core.Users;

/// <summary>The time zones a person may choose for the times the console shows them: IANA names ("Europe/Berlin") this machine knows.</summary>
public static partial class TimeZones
{
    /// <summary>The longest name accepted (the longest IANA name is about 30 characters).</summary>
    public const int MaxLength = 64;

    /// <summary>The zone named <paramref name="id"/>, or null when it is not an IANA name this machine knows.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        // The shape check comes first: the name is looked up as a file under the zone directory, so no dots-and-slashes tricks reach it.
        if (id is null || id.Length > MaxLength || !Shape().IsMatch(id) || id.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        // On Linux a Windows name ("W. Europe Standard Time") is found too, converted; HasIanaId tells the two apart, and only IANA names are stored.
        // The lookup ignores case where the file system does; only the name as spelled by IANA is taken, so one zone is stored one way.
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && string.Equals(zone.Id, id, StringComparison.Ordinal) ? zone : null;
    }

    /// <summary>Every IANA zone this machine knows, by name: the choices a profile offers.</summary>
    public static IReadOnlyList<string> Known() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+/-]*$")]
    private static partial Regex Shape();
}
