using System.Text.Json;
using Gatehouse.Server.Components;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Accounts.AccountBrowsing;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The time zone a person's console times are shown in: taken from the browser once, chosen on the profile, checked by the server.</summary>
public sealed class TimeZonePreferenceTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TimesShowInTheBrowsersZoneFromFirstSignIn_ThenInTheZoneChosenOnTheProfile_WithUtcOnHover(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organizationId) = await OwnerWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl, timeZone: "Asia/Tokyo");
        var page = await context.NewPageAsync();

        // The first page after signing in offers the browser's zone (timezone.js); the profile had none, so it is kept.
        await page.RunAndWaitForResponseAsync(() => SignInAsync(page, email, Password), $"**{TimeZoneEndpoint}");
        Assert.Equal("Asia/Tokyo", await ZoneOfAsync(app, member.UserId));
        var signedInAt = await app.InDatabaseAsync(db => db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.LastLoginAt).SingleAsync());

        await page.GotoAsync($"/orgs/{organizationId}/members");
        var latest = page.Locator("td[data-label='Latest login'] time");
        await ExpectTimeAsync(latest, signedInAt!.Value, "Asia/Tokyo", "(UTC+09:00)");
        await Assertions.Expect(page.Locator("script[src='/js/timezone.js']")).ToHaveCountAsync(0);

        // Chosen on the profile: a select of IANA names, saved without script.
        await page.GotoAsync("/account/profile");
        await Assertions.Expect(page.GetByLabel("Show times in")).ToHaveValueAsync("Asia/Tokyo");
        await page.GetByLabel("Show times in").SelectOptionAsync("America/Sao_Paulo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your time zone is saved.");
        await Console.PhoneWidth.AtBothWidthsAsync(page, "profile-time-zone", "section[aria-labelledby=time-zone-heading]");
        Assert.Equal("America/Sao_Paulo", await ZoneOfAsync(app, member.UserId));

        await page.GotoAsync($"/orgs/{organizationId}/members");
        await ExpectTimeAsync(latest, signedInAt.Value, "America/Sao_Paulo", "(UTC-03:00)");
        await page.GotoAsync($"/orgs/{organizationId}/members/{member.MemberId}");
        await ExpectTimeAsync(page.Locator("dt:text-is('Latest login') + dd time"), signedInAt.Value, "America/Sao_Paulo", "(UTC-03:00)");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PostedZone_UnknownOrWindowsNameOrWithoutToken_IsRefused_AndTheBrowsersOfferNeverReplacesAChoice(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, _) = await OwnerWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl, timeZone: "Europe/Berlin");
        var page = await context.NewPageAsync();
        await page.RunAndWaitForResponseAsync(() => SignInAsync(page, email, Password), $"**{TimeZoneEndpoint}");
        Assert.Equal("Europe/Berlin", await ZoneOfAsync(app, member.UserId));
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        foreach (var bad in new[] { "Mars/Olympus_Mons", "W. Europe Standard Time", "../../etc/passwd" })
        {
            var refused = await PostAsync(page, bad, token);
            Assert.Equal(400, refused.Status);
            Assert.Equal("application/problem+json", refused.Headers["content-type"].Split(';')[0]);
            var problem = await refused.JsonAsync();
            Assert.Equal("time_zone_unknown", problem!.Value.GetProperty("code").GetString());
            Assert.Contains("choose one from the list", problem.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(400, (await PostAsync(page, "Asia/Tokyo", token: null)).Status);
        Assert.Equal("Europe/Berlin", await ZoneOfAsync(app, member.UserId));

        // Another browser's offer does not replace a zone the profile holds; a choice (without onlyIfUnset) does.
        var offered = await PostAsync(page, "Asia/Tokyo", token, onlyIfUnset: true);
        Assert.Equal(200, offered.Status);
        Assert.False((await offered.JsonAsync())!.Value.GetProperty("changed").GetBoolean());
        Assert.Equal("Europe/Berlin", await ZoneOfAsync(app, member.UserId));
        Assert.Equal(200, (await PostAsync(page, "Asia/Tokyo", token)).Status);
        Assert.Equal("Asia/Tokyo", await ZoneOfAsync(app, member.UserId));
    }

    private const string TimeZoneEndpoint = "/account/time-zone";

    private static async Task ExpectTimeAsync(ILocator time, DateTimeOffset at, string zone, string offset)
    {
        await Assertions.Expect(time).ToHaveTextAsync(ConsoleTime.Text(at, TimeZoneInfo.FindSystemTimeZoneById(zone)));
        await Assertions.Expect(time).ToContainTextAsync(offset);
        await Assertions.Expect(time).ToHaveAttributeAsync("title", ConsoleTime.Utc(at));
        await Assertions.Expect(time).ToHaveAttributeAsync("datetime", ConsoleTime.Machine(at));
    }

    private static Task<IAPIResponse> PostAsync(IPage page, string zone, string? token, bool onlyIfUnset = false)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("timeZone", zone);
        if (onlyIfUnset)
        {
            form.Set("onlyIfUnset", "true");
        }
        if (token is not null)
        {
            form.Set("__RequestVerificationToken", token);
        }
        return page.APIRequest.PostAsync(TimeZoneEndpoint, new() { Form = form, MaxRedirects = 0 });
    }

    private static Task<string?> ZoneOfAsync(GatehouseApp app, Guid userId) =>
        app.InDatabaseAsync(db => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync());

    private static async Task<(SeededMember Member, string Email, Guid OrganizationId)> OwnerWithPasswordAsync(GatehouseApp app)
    {
        var organizationId = await app.CreateOrganizationAsync("Org " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"p{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organizationId, email, owner: true, firstName: "Tomo", lastName: "Zone");
        await app.SetPasswordAsync(member.UserId, Password);
        return (member, email, organizationId);
    }
}
