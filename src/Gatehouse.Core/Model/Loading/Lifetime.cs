using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads durations written as a whole number and a unit: <c>7d</c>, <c>48h</c>, <c>30m</c>.</summary>
internal static partial class Lifetime
{
    /// <summary>A year; anything longer is almost surely a typo, and a live invitation link is a credential.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static bool TryParse(string text, out TimeSpan lifetime, out string problem)
    {
        lifetime = TimeSpan.Zero;
        var match = Shape().Match(text);
        if (!match.Success)
        {
            problem = text.StartsWith('-')
                ? "is negative; an invitation must stay valid for some time, such as '7d'."
                : "is not a duration; write a whole number and a unit d, h or m, such as '7d' or '48h'.";
            return false;
        }
        if (!int.TryParse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > Longest.TotalMinutes)
        {
            problem = "is longer than a year; choose a shorter lifetime.";
            return false;
        }
        lifetime = match.Groups["unit"].Value switch
        {
            "d" => TimeSpan.FromDays(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
        problem = lifetime == TimeSpan.Zero ? "is zero; an invitation must stay valid for some time, such as '7d'."
            : lifetime > Longest ? "is longer than a year; choose a shorter lifetime."
            : "";
        return problem.Length == 0;
    }

    [GeneratedRegex("^(?<amount>[0-9]+)(?<unit>[dhm])$")]
    private static partial Regex Shape();
}
