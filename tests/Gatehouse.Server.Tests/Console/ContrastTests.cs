using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// The colours of gatehouse.css meet WCAG 2.2 contrast: 4.5:1 for text (1.4.3), 3:1 for the focus ring against the
/// page (1.4.11). The ratio is WCAG's own definition (relative luminance of sRGB).
/// </summary>
public sealed partial class ContrastTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)] // WCAG's extremes
    [InlineData("#777777", "#ffffff", 4.48)] // the grey commonly quoted as just failing 4.5:1
    [InlineData("#ffffff", "#ffffff", 1.0)]
    public void Ratio_MatchesWcagsKnownValues(string foreground, string background, double expected) =>
        Assert.Equal(expected, Ratio(foreground, background), 2);

    [Theory]
    [InlineData("ink", "paper", 4.5)]
    [InlineData("ink", "ground", 4.5)]
    [InlineData("muted", "paper", 4.5)]
    [InlineData("muted", "ground", 4.5)]
    [InlineData("accent", "paper", 4.5)]
    [InlineData("accent", "ground", 4.5)]
    [InlineData("accent-ink", "accent", 4.5)]
    [InlineData("error", "paper", 4.5)]
    [InlineData("error", "error-ground", 4.5)]
    [InlineData("success", "success-ground", 4.5)]
    [InlineData("focus", "paper", 3.0)]
    [InlineData("focus", "ground", 3.0)]
    public void StylesheetColours_AreReadable(string foreground, string background, double minimum)
    {
        var colours = Colours();
        var ratio = Ratio(colours[foreground], colours[background]);
        Assert.True(ratio >= minimum, $"--{foreground} on --{background} is {ratio:0.00}:1, below {minimum}:1.");
    }

    private static Dictionary<string, string> Colours()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gatehouse.slnx")))
        {
            directory = directory.Parent;
        }
        var css = File.ReadAllText(Path.Combine(directory!.FullName, "src", "Gatehouse.Server", "wwwroot", "css", "gatehouse.css"));
        return Variable().Matches(css).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static double Ratio(string foreground, string background)
    {
        var (lighter, darker) = (Luminance(foreground), Luminance(background)) is var (a, b) && a > b ? (a, b) : (b, a);
        return (lighter + 0.05) / (darker + 0.05);
    }

    // WCAG 2.2, "relative luminance".
    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }

    [GeneratedRegex(@"--([a-z-]+):\s*(#[0-9a-fA-F]{6});")]
    private static partial Regex Variable();
}
