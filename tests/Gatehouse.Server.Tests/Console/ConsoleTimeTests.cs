using Gatehouse.Server.Components;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The console's one time formatter, around Berlin's spring and autumn clock changes.</summary>
public sealed class ConsoleTimeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    [InlineData("2026-03-29T00:59:00Z", "2026-03-29 01:59 (UTC+01:00)")]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29 03:00 (UTC+02:00)")]
    // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET at 01:00 UTC; 02:30 happens twice, told apart by the offset.
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25 02:30 (UTC+02:00)")]
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25 02:30 (UTC+01:00)")]
    public void Text_InBerlinAcrossAClockChange_ShowsLocalTimeWithTheOffsetThen(string utc, string expected) =>
        Assert.Equal(expected, ConsoleTime.Text(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Berlin));

    [Fact]
    public void Text_WithoutAZone_OrInUtc_ShowsUtcAsBefore()
    {
        var at = new DateTimeOffset(2026, 3, 29, 1, 30, 5, TimeSpan.Zero);

        Assert.Equal("2026-03-29 01:30 UTC", ConsoleTime.Text(at, null));
        Assert.Equal("2026-03-29 01:30:05 UTC", ConsoleTime.Text(at, TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC"), TimePrecision.Second));
        Assert.Equal("2026-03-29T01:30:05Z", ConsoleTime.Machine(at));
    }

    [Fact]
    public void Text_ByDayAndBehindUtc_UsesTheLocalDate()
    {
        var at = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal("2025-12-31", ConsoleTime.Text(at, newYork, TimePrecision.Day));
        Assert.Equal("2025-12-31 22:00 (UTC-05:00)", ConsoleTime.Text(at, newYork));
        Assert.Equal("2026-01-01 03:00 UTC", ConsoleTime.Utc(at));
    }
}
