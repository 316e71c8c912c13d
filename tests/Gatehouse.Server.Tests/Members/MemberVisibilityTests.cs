using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Members;

/// <summary>
/// Issue 11, item 6: anything about a member the caller may not see answers like the member detail does (404
/// member_not_found, no name), whichever endpoint names them. Ben views members of Project One only; Dan works in
/// Project Two.
/// </summary>
public sealed class MemberVisibilityTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReadsAndChecks_AboutAMemberTheCallerMayNotSee_AnswerLikeTheMemberDetail(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"].Client;
        var dan = s.People["dan"];
        var org = $"/api/v1/organizations/{s.Org}";

        var detail = await (await ben.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        var answers = new List<HttpResponseMessage>
        {
            await ben.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions")),
            await ben.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions?scopeId={s.P1}")),
            await ben.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions?scopeId={s.P2}")),
            await ben.PostAsJsonAsync($"{org}/explain", new { userId = dan.UserId, permission = "documents.view", scopeId = s.P1 }),
            await ben.PostAsJsonAsync($"{org}/explain", new { userId = dan.UserId, permission = "documents.view" }),
            await ben.PostAsJsonAsync($"{org}/check", new { userId = dan.UserId, permission = "documents.view", scopeId = s.P1 }),
            await ben.GetAsync($"{org}/check?userId={dan.UserId}&permission=documents.view&scopeId={s.P1}"),
            await ben.PostAsJsonAsync($"{org}/check/batch", new { userId = dan.UserId, checks = new[] { new { permission = "documents.view", scopeId = s.P1 } } }),
            // Someone who is no member at all answers the same, so the answer cannot tell the two apart.
            await ben.PostAsJsonAsync($"{org}/check", new { userId = Guid.NewGuid(), permission = "documents.view", scopeId = s.P1 }),
        };

        foreach (var answer in answers)
        {
            var problem = await answer.ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
            var text = problem.ToString();
            Assert.DoesNotContain("Dan", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Dunn", text, StringComparison.Ordinal);
        }
        var effective = await answers[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail.GetProperty("detail").GetString(), effective.GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReadsAndChecks_AboutAMemberTheCallerMaySee_StillAnswer(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"].Client;
        var cara = s.People["cara"];

        var explained = await (await ben.PostAsJsonAsync($"/api/v1/organizations/{s.Org}/explain", new { userId = cara.UserId, permission = "documents.edit", scopeId = s.P1A }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("Cara", explained.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("documents.edit", await ben.EffectiveAsync(s.Org, cara.MemberId, s.P1A));
        // A product's back end (a service account of the organization) checks anyone.
        var created = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{s.Org}/service-accounts",
            new { name = "Backend", grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)s.P1 } } })).ExpectAsync(HttpStatusCode.Created);
        var backend = app.ClientWithKey(created.GetProperty("key").GetString()!);
        var check = await (await backend.PostAsJsonAsync($"/api/v1/organizations/{s.Org}/check", new { userId = s.People["dan"].UserId, permission = "documents.view", scopeId = s.P2 }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("allowed").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Changes_ToAMemberTheCallerMayNotSee_Answer404_AndChangeNothing(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var manager = await app.SeedMemberAsync(s.Org, MembersApi.Email("p1manager"), [new GrantSpec("manager", s.P1)]);
        var dan = s.People["dan"];
        var client = manager.Client;
        var member = (string rest) => MembersApi.Path(s.Org, $"/{dan.MemberId}{rest}");
        var version = (await app.Operator.MemberAsync(s.Org, dan.MemberId)).GetProperty("version").GetInt32();

        var answers = new List<HttpResponseMessage>
        {
            await client.PutAsJsonAsync(member("/access"), new { version, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)s.P1 } }, fullAccess = false }),
            await client.PostAsJsonAsync(member("/scopes"), new { scopeId = s.P1, roleKey = "viewer" }),
            await client.DeleteAsync(member($"/scopes/{s.P2}")),
            await client.PostAsync(member("/deactivate"), null),
            await client.PostAsync(member("/reactivate"), null),
            await client.PutAsJsonAsync(member("/owner"), new { owner = true }),
            await client.DeleteAsync(member("")),
        };

        foreach (var answer in answers)
        {
            var problem = await answer.ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
            Assert.DoesNotContain("Dunn", problem.ToString(), StringComparison.Ordinal);
        }
        var after = await app.Operator.MemberAsync(s.Org, dan.MemberId);
        Assert.Equal(version, after.GetProperty("version").GetInt32());
        Assert.Equal("active", after.GetProperty("status").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == s.Org && a.TargetId == dan.MemberId.ToString())));
    }
}
