using System.Globalization;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Every answer says how long the server took, for the console benchmark and browsers' developer tools.</summary>
public sealed partial class ServerTimingTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PagesAndApiAnswers_CarryTheirServerTime(string store)
    {
        var app = await servers.GetAsync(store);

        foreach (var answer in new[] { await app.PageClient().GetAsync("/account/sign-in"), await app.Operator.GetAsync("/api/v1/organizations") })
        {
            var header = Assert.Single(answer.Headers.GetValues("Server-Timing"));
            var match = Duration().Match(header);
            Assert.True(match.Success, header);
            Assert.InRange(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 0.0, 60_000.0);
        }
    }

    [GeneratedRegex(@"^app;dur=(\d+\.\d)$")]
    private static partial Regex Duration();
}
