using Gatehouse.Server.Tests.Console;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Email;

/// <summary>The dev mailbox in Chromium at phone width: nothing scrolls sideways, and the email's own button opens the invitation.</summary>
public sealed class DevMailboxBrowserTests(ServerPool servers, Browser browser)
{
    private const string Overflowing = "() => document.documentElement.scrollWidth > window.innerWidth + 1";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AtPhoneWidth_TheMailboxFits_AndAcceptTheInvitation_InTheEmail_OpensTheInvitation(string store)
    {
        var app = await servers.GetListeningAsync(store);
        // A long address, the kind that pushed the list wider than a phone.
        var email = $"a.rather.long.address.{Guid.NewGuid():N}@subsidiary.example.com";
        var organization = await app.CreateOrganizationAsync("Mailbox " + Guid.NewGuid().ToString("N")[..6]);
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();
        var id = await app.InDatabaseAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Id).SingleAsync());
        await using var contexts = new Contexts();
        var context = await browser.NewContextAsync(app.BaseUrl, new ViewportSize { Width = 390, Height = 844 });
        contexts.Adopt(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/dev/mailbox?to={Uri.EscapeDataString(email)}");
        Assert.False(await page.EvaluateAsync<bool>(Overflowing), "The dev mailbox's list scrolls sideways at 390 px.");
        await Screenshots.TakeAsync(page, "dev-mailbox-phone");
        await page.GotoAsync($"/dev/mailbox/{id}");
        Assert.False(await page.EvaluateAsync<bool>(Overflowing), "An email of the dev mailbox scrolls sideways at 390 px.");
        await Screenshots.TakeAsync(page, "dev-mailbox-email-phone");
        await page.FrameLocator("iframe.mail-html").GetByRole(AriaRole.Link, new() { Name = "Accept the invitation" }).ClickAsync();

        await page.WaitForNavigationToAsync(url => url.Contains("/invitations/accept?token=ghi_", StringComparison.Ordinal));
        Assert.StartsWith(app.BaseUrl.ToString().TrimEnd('/'), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join Mailbox" })).ToBeVisibleAsync();
    }
}
