using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>What a sign-in through a product writes to the server's log on the shipped settings (appsettings.json).</summary>
public sealed class OidcLoggingTests
{
    [Fact]
    public async Task OnTheShippedSettings_ACodeFlow_LogsNoneOfItsRequestsParameters()
    {
        var (logs, verifier) = await CodeFlowAsync(OidcKeyTests.Enabled);

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(verifier, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("OpenIddict", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task WithOpenIddictAtInformation_TheRequestsAreLogged_ForDiagnosingASignIn()
    {
        var settings = new Dictionary<string, string>(OidcKeyTests.Enabled) { ["Logging:LogLevel:OpenIddict"] = "Information" };

        var (logs, _) = await CodeFlowAsync(settings);

        Assert.Contains(logs.Entries, e => e.Category.StartsWith("OpenIddict", StringComparison.Ordinal) && e.Message.Contains("token request was successfully extracted", StringComparison.Ordinal));
    }

    /// <summary>A whole sign-in to tokens on a server of its own whose log is captured; the PKCE verifier it sent.</summary>
    private static async Task<(LogCapture Logs, string Verifier)> CodeFlowAsync(Dictionary<string, string> settings)
    {
        var logs = new LogCapture();
        await using var app = await GatehouseApp.StartAsync("sqlite", settings: settings, logs: logs);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Logged"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        using var browser = await OidcFlow.SignedInAsync(app, email);
        var (verifier, challenge) = OidcFlow.Pkce();
        var outcome = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge));
        using var http = app.CreateClient();
        var tokens = await OidcFlow.RedeemAsync(http, client, outcome.Code, verifier);
        Assert.True(tokens.TryGetProperty("access_token", out _));
        return (logs, verifier);
    }
}
