using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The audit log page and its CSV export (seed 003's "Audit Logs"; the issue's "filter by person, action and time; export CSV").</summary>
public sealed partial class AuditPageTests(ServerPool servers, Browser browser)
{
    private const string Preset = "workshops";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Manager_FiltersByActionAndPerson_AndTheCsvHoldsTheSameEvents_QuotedAndNeutralized(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Audit " + Guid.NewGuid().ToString("N")[..6]);
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)]);
        // A name a spreadsheet would run as a formula, holding a comma, quotes and a line break (set up straight in the database).
        var tricky = await app.SeedMemberAsync(org, $"t{Guid.NewGuid():N}@example.com", [new GrantSpec("manager", null)], firstName: "=HYPERLINK(\"x\")", lastName: "Berg, \"Lena\"\nSecond");
        var trickyEmail = await app.InDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Id == tricky.UserId).Email));
        var victim = await app.SeedMemberAsync(org, $"v{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", null)], firstName: "Tom", lastName: "Vogel");
        (await tricky.Client.PostAsync($"/api/v1/organizations/{org}/members/{victim.MemberId}/deactivate", null)).EnsureSuccessStatusCode();
        var invitee = $"i{Guid.NewGuid():N}@example.com";
        (await viewer.Member.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/invitations", new { emails = new[] { invitee }, grants = new[] { new { roleKey = "basic", scopeId = (Guid?)null } } }))
            .EnsureSuccessStatusCode();
        var page = viewer.Page;
        var rows = page.Locator("table.audit tbody tr");

        await page.GotoAsync($"/orgs/{org}/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = "Organisation created" })).ToHaveCountAsync(1);

        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Invitation sent" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show events" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Invitation sent");
        await Assertions.Expect(rows.First).ToContainTextAsync(invitee);
        await Assertions.Expect(rows.First).ToContainTextAsync("Ada Lovelace");

        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Every action" });
        await page.GetByLabel("Person (email)").FillAsync(trickyEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show events" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("User deactivated");
        await Assertions.Expect(rows.First).ToContainTextAsync("User Tom Vogel");
        await Assertions.Expect(rows.First).ToContainTextAsync("status: active → deactivated");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Matches(@"^audit-audit-[0-9a-f]{6}-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var raw = await File.ReadAllTextAsync(await download.PathAsync());
        var csv = ParseCsv(raw);
        var row = Assert.Single(csv);
        Assert.Equal("'=HYPERLINK(\"x\") Berg, \"Lena\"\nSecond", row["Who"]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\") Berg, \"\"Lena\"\"\nSecond\"", raw, StringComparison.Ordinal);
        Assert.Equal("member.deactivated", row["Action code"]);
        Assert.Equal("User deactivated", row["Action"]);
        Assert.Equal(victim.MemberId.ToString(), row["Target id"]);
        Assert.Equal("{\"status\":\"active\"}", row["Before"]);
        var api = await (await viewer.Member.Client.GetAsync($"/api/v1/organizations/{org}/audit-events?actorUserId={tricky.UserId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(api.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()), csv.Select(r => r["Event id"]));

        // The same action filter gives the same events as the API's, in the CSV too.
        var byAction = ParseCsv(await (await page.APIRequest.GetAsync($"/orgs/{org}/audit.csv?action=invitation.sent")).TextAsync());
        Assert.Equal(invitee, Assert.Single(byAction)["Target"].Replace("Invitation for ", "", StringComparison.Ordinal));

        // A day that is not a date is the API's field error next to the field.
        var bad = await page.GotoAsync($"/orgs/{org}/audit?from=2026-13-45");
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("'from'");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LongLog_PagesWithCursors_AndTheCsvStreamsEveryEventInTheApisOrder(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Long log");
        var now = DateTimeOffset.UtcNow;
        var targets = Enumerable.Range(0, 430).Select(_ => Guid.NewGuid()).ToList();
        await app.InDatabaseAsync(async db =>
        {
            for (var i = 0; i < targets.Count; i++)
            {
                db.AuditEvents.Add(new AuditEvent(Guid.CreateVersion7(), org, null, "gatehouse command", AuditActions.MemberDeactivated, "member", targets[i].ToString(),
                    "{\"status\":\"active\"}", "{\"status\":\"deactivated\"}", now.AddMinutes(-1).AddSeconds(-i), "203.0.113.7"));
            }
            return await db.SaveChangesAsync();
        });
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)]);
        var apiIds = new List<string>();
        string? cursor = null;
        do
        {
            var answer = await (await viewer.Member.Client.GetAsync($"/api/v1/organizations/{org}/audit-events?limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}")).ExpectAsync(HttpStatusCode.OK);
            apiIds.AddRange(answer.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = answer.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.True(apiIds.Count > 430);

        var response = await viewer.Page.APIRequest.GetAsync($"/orgs/{org}/audit.csv");
        Assert.Equal(200, response.Status);
        Assert.Equal("text/csv; charset=utf-8", response.Headers["content-type"]);
        Assert.Matches("^attachment; filename=audit-long-log-\\d{4}-\\d{2}-\\d{2}\\.csv$", response.Headers["content-disposition"]);
        var csv = ParseCsv(await response.TextAsync());
        Assert.Equal(apiIds, csv.Select(r => r["Event id"]));
        Assert.Equal("System", csv.First(r => r["Action code"] == "member.deactivated")["Who"]);

        var page = viewer.Page;
        await page.GotoAsync($"/orgs/{org}/audit");
        var rows = page.Locator("table.audit tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older events" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        var fiftyFirst = csv[50];
        await Assertions.Expect(rows.First).ToContainTextAsync(fiftyFirst["Target id"]);
        await Assertions.Expect(rows.First).ToContainTextAsync("203.0.113.7");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Newest events" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_WithoutAuditView_SeesThePolicysReason_AndTheCsvIsRefusedTheSameWay(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Audit basic");
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("basic", null)]);
        var api = await (await viewer.Member.Client.GetAsync($"/api/v1/organizations/{org}/audit-events")).ExpectAsync(HttpStatusCode.Forbidden);
        var sentence = api.GetProperty("detail").GetString()!;

        var response = await viewer.Page.GotoAsync($"/orgs/{org}/audit");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(sentence);
        await Assertions.Expect(viewer.Page.Locator("table.audit")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveCountAsync(0);

        var csv = await viewer.Page.APIRequest.GetAsync($"/orgs/{org}/audit.csv");
        Assert.Equal(403, csv.Status);
        Assert.StartsWith("application/problem+json", csv.Headers["content-type"], StringComparison.Ordinal);
        var problem = JsonDocument.Parse(await csv.TextAsync()).RootElement;
        Assert.Equal(api.GetProperty("code").GetString(), problem.GetProperty("code").GetString());
        Assert.Equal(sentence, problem.GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerOfAnotherOrganization_GetsNotFound_OnTheLogAndTheCsv(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var secret = "Secret " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(secret);
        var own = await app.CreateOrganizationAsync("Own audit");
        await using var contexts = new Contexts();
        var stranger = await browser.SignedInMemberAsync(app, own, contexts, grants: [new GrantSpec("manager", null)]);

        var response = await stranger.Page.GotoAsync($"/orgs/{org}/audit");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await stranger.Page.ContentAsync(), StringComparison.Ordinal);

        var csv = await stranger.Page.APIRequest.GetAsync($"/orgs/{org}/audit.csv?action=organization.created");
        Assert.Equal(404, csv.Status);
        var text = await csv.TextAsync();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Equal("organization_not_found", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());

        // Without a session the download is not served at all: the browser is sent to sign in.
        var anonymous = await contexts.NewPageAsync(browser, app);
        var signedOut = await anonymous.APIRequest.GetAsync($"/orgs/{org}/audit.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, signedOut.Status);
        Assert.Contains("/account/sign-in", signedOut.Headers["location"], StringComparison.Ordinal);
    }

    /// <summary>Reads a CSV file with a real CSV parser: every record as header → field.</summary>
    private static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        Assert.True(csv.Read());
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        Assert.Equal("When (UTC)", header[0]);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((name, i) => (name, value: csv.GetField(i) ?? string.Empty)).ToDictionary(p => p.name, p => p.value));
        }
        return rows;
    }
}
