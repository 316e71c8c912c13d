using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The audit log at phone width: its filters fold away, so the first events are on the first screen.</summary>
public sealed partial class AuditPageTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AtPhoneWidth_FiltersStartFolded_TheFirstEventIsOnTheFirstScreen_AndTheFiltersOpenAndApply(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Audit phone " + Guid.NewGuid().ToString("N")[..6]);
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)]);
        var invitee = $"i{Guid.NewGuid():N}@example.com";
        (await viewer.Member.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/invitations", new { emails = new[] { invitee }, grants = new[] { new { roleKey = "basic", scopeId = (Guid?)null } } }))
            .EnsureSuccessStatusCode();
        var page = viewer.Page;
        var rows = page.Locator("table.audit tbody tr");
        var fold = page.Locator("details.filters-fold");
        var summary = fold.Locator("> summary");
        var show = page.GetByRole(AriaRole.Button, new() { Name = "Show events" });

        // A wide screen shows the filters whatever the fold, and no summary.
        await page.GotoAsync($"/orgs/{org}/audit");
        await Assertions.Expect(show).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(PhoneWidth.Size.Width, PhoneWidth.Size.Height);
        await page.GotoAsync($"/orgs/{org}/audit");
        await ExpectFoldedAsync(page, fold, show, rows);
        await Assertions.Expect(summary).ToHaveTextAsync("Filters");
        Assert.Empty(await page.EvaluateAsync<string[]>(PhoneWidth.OutOfReach));

        // Opened, they narrow the log as on a wide screen; the summary then counts them, and the log starts on the first screen again.
        await summary.ClickAsync();
        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Invitation sent" });
        Assert.Empty(await page.EvaluateAsync<string[]>(PhoneWidth.OutOfReach));
        await show.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("action=invitation.sent"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(invitee);
        await Assertions.Expect(summary).ToHaveTextAsync("Filters (1 active)");
        await ExpectFoldedAsync(page, fold, show, rows);

        // Still working after: a second filter is added to the first, and "Clear filters" takes both away.
        await summary.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Action")).ToHaveValueAsync("invitation.sent");
        await page.GetByLabel("Person (email)").FillAsync(viewer.Email);
        await show.ClickAsync();
        await Assertions.Expect(summary).ToHaveTextAsync("Filters (2 active)");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await summary.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(summary).ToHaveTextAsync("Filters");
        await Assertions.Expect(rows.Filter(new() { HasText = "Organisation created" })).ToHaveCountAsync(1);

        // A filter the log refuses opens them, so its sentence is seen next to its field.
        await page.GotoAsync($"/orgs/{org}/audit?from=2026-13-45");
        await Assertions.Expect(fold).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.Locator(".field-error")).ToBeVisibleAsync();
    }

    /// <summary>The filters folded (their button hidden) and the newest event's time wholly on the first screen.</summary>
    private static async Task ExpectFoldedAsync(IPage page, ILocator fold, ILocator show, ILocator rows)
    {
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        await Assertions.Expect(rows.First.Locator("td").First).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(fold).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(show).ToBeHiddenAsync();
    }
}
