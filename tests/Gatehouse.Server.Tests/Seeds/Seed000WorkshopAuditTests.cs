using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seeds 000/001: "Manager rights" hold audit.view per workshop, so a workshop manager reads the audit events about
/// their workshops, and none that touch another workshop or the whole organisation (no name from elsewhere leaks).
/// </summary>
public sealed class Seed000WorkshopAuditTests(ServerPool servers)
{
    private static string Email(string who) => $"{who}{Guid.NewGuid():N}@example.com";

    private static async Task<List<(string Action, string Target)>> EventsAsync(HttpClient client, Guid org)
    {
        var events = new List<(string, string)>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/organizations/{org}/audit-events?limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"))
                .ExpectAsync(HttpStatusCode.OK);
            events.AddRange(page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("targetId").GetString()!)));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return events;
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkshopManager_ReadsTheEventsOfTheirWorkshops_NothingThatTouchesAnotherWorkshopOrTheOrganisation(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market DK");
        var aarhus = await app.CreateScopeAsync(org, "Aarhus");
        var odense = await app.CreateScopeAsync(org, "Odense");
        var omar = await app.SeedMemberAsync(org, Email("omar"), [new GrantSpec("basic", aarhus)]);
        var lena = await app.SeedMemberAsync(org, Email("lena"), [new GrantSpec("basic", aarhus), new GrantSpec("basic", odense)]);
        var ida = await app.SeedMemberAsync(org, Email("ida"), [new GrantSpec("basic", null)]);
        var mia = await app.SeedMemberAsync(org, Email("mia"), [new GrantSpec("manager", aarhus)]);
        var bo = await app.SeedMemberAsync(org, Email("bo"), [new GrantSpec("basic", aarhus)]);
        var members = $"/api/v1/organizations/{org}/members";

        // In Aarhus only: Aarhus's creation, Omar's deactivation, a workshop under Aarhus, and Mia's own change there.
        await (await app.Operator.PostAsync($"{members}/{omar.MemberId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        var nord = await app.CreateScopeAsync(org, "Aarhus Nord", aarhus);
        await (await mia.Client.PostAsync($"{members}/{omar.MemberId}/reactivate", null)).ExpectAsync(HttpStatusCode.OK);
        // Elsewhere too: Lena is also in Odense, Ida is organisational, Vejle is another workshop, the name is the organisation's.
        await (await app.Operator.PostAsync($"{members}/{lena.MemberId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator.PostAsync($"{members}/{ida.MemberId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        await app.CreateScopeAsync(org, "Vejle");
        await (await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{org}", new { name = "Market Denmark" })).ExpectAsync(HttpStatusCode.OK);
        // An event recorded before places were kept (no places): organisation-wide viewers only.
        await app.InDatabaseAsync(db =>
        {
            db.AuditEvents.Add(new AuditEvent(Guid.CreateVersion7(), org, null, "System", "member.deactivated", "member", omar.MemberId.ToString(), null, null, DateTimeOffset.UtcNow, null));
            return db.SaveChangesAsync();
        });

        var seen = await EventsAsync(mia.Client, org);
        Assert.Equal(
            [("member.reactivated", omar.MemberId.ToString()), ("scope.created", nord.ToString()), ("member.deactivated", omar.MemberId.ToString()),
                ("scope.created", aarhus.ToString())],
            seen);
        var everything = await EventsAsync(app.Operator, org);
        Assert.Equal(seen.Count + 5 + 2, everything.Count); // + Lena, Ida, Vejle, the rename, the old event; + the organisation and Odense created.
        Assert.Contains(("member.deactivated", lena.MemberId.ToString()), everything);

        // A basic user holds audit.view nowhere: the refusal is about their own rights.
        await (await bo.Client.GetAsync($"/api/v1/organizations/{org}/audit-events")).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        var me = await (await mia.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(me.GetProperty("memberships").EnumerateArray(), o => o.GetProperty("organizationId").GetGuid() == org && o.GetProperty("capabilities").GetProperty("viewAudit").GetBoolean());
    }
}
