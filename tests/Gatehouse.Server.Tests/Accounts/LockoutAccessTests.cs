using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Access;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>
/// The sign-in lockout pauses signing in, never access (docs/accounts.md, docs/access-rules.md): otherwise anyone who
/// knows an email address could cut that person off from their work with a few wrong passwords.
/// </summary>
public sealed class LockoutAccessTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APausedSignIn_LeavesChecksExplainAndApiKeysAsTheyWere(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Lockout");
        var member = await app.SeedMemberAsync(organization, MembersApi.Email("paused"), [new GrantSpec("member", null)]);
        await app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
            user.LockUntil(DateTimeOffset.UtcNow.AddHours(1));
            return await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<AccessCache>().Invalidate(organization);

        var check = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/check?userId={member.UserId}&permission=members.view")).ExpectAsync(HttpStatusCode.OK);
        var explain = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/explain",
            new { userId = member.UserId, permission = "members.view" })).ExpectAsync(HttpStatusCode.OK);

        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.True(explain.GetProperty("allowed").GetBoolean(), explain.ToString());
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync($"/api/v1/organizations/{organization}/members")).StatusCode);
    }
}
