using System.Globalization;
using System.Security.Claims;
using Gatehouse.Core.Users;

namespace Gatehouse.Server.Components;

/// <summary>How precisely a time is shown.</summary>
public enum TimePrecision
{
    /// <summary>The day only: "2026-03-29".</summary>
    Day,

    /// <summary>"2026-03-29 03:30".</summary>
    Minute,

    /// <summary>"2026-03-29 03:30:05" (the audit log).</summary>
    Second,
}

/// <summary>
/// The console's one way of writing a time: in the time zone the viewer chose on their profile, in UTC when they chose none.
/// Pages are rendered on the server, so the zone comes from the session (<see cref="ZoneClaim"/>), never from script.
/// </summary>
public static class ConsoleTime
{
    /// <summary>The session claim holding the viewer's IANA time zone.</summary>
    public const string ZoneClaim = "gatehouse:time_zone";

    /// <summary>The viewer's zone, or null for UTC (none chosen, or a name this machine no longer knows).</summary>
    public static TimeZoneInfo? ZoneOf(ClaimsPrincipal? viewer) => TimeZones.Find(viewer?.FindFirst(ZoneClaim)?.Value);

    /// <summary>"2026-03-29 03:30 (UTC+02:00)" in the zone; "2026-03-29 01:30 UTC" in UTC or a zone that always equals it.</summary>
    public static string Text(DateTimeOffset at, TimeZoneInfo? zone, TimePrecision precision = TimePrecision.Minute)
    {
        if (zone is null || IsUtc(zone))
        {
            return Utc(at, precision);
        }
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var text = local.ToString(Pattern(precision), CultureInfo.InvariantCulture);
        return precision == TimePrecision.Day ? text : $"{text} (UTC{Offset(local.Offset)})";
    }

    /// <summary>"2026-03-29 01:30 UTC": the same moment in UTC, for the hover title.</summary>
    public static string Utc(DateTimeOffset at, TimePrecision precision = TimePrecision.Minute) =>
        at.UtcDateTime.ToString(Pattern(precision), CultureInfo.InvariantCulture) + (precision == TimePrecision.Day ? "" : " UTC");

    /// <summary>"2026-03-29T01:30:05Z": the moment for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Machine(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Pattern(TimePrecision precision) => precision switch
    {
        TimePrecision.Day => "yyyy-MM-dd",
        TimePrecision.Second => "yyyy-MM-dd HH:mm:ss",
        _ => "yyyy-MM-dd HH:mm",
    };

    // "+02:00", "-05:00", "+05:45".
    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    // "UTC", "Etc/UTC" and their aliases never leave UTC: no offset to show.
    private static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
        && zone.GetAdjustmentRules().Length == 0;
}
