using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Seat checks hold under concurrency: many requests racing for the last free seat, exactly one wins.</summary>
public sealed class ConcurrencyTests(ServerPool servers)
{
    private const int Racers = 20;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TwentyParallelInvitations_ForTheLastSeat_ExactlyOneSucceeds(string store)
    {
        // Workspaces count pending invitations as seats (seed 004), so each invitation takes one.
        var app = await servers.GetAsync(store, "workspaces");
        var organization = await app.CreateOrganizationAsync("Last seat", seatLimit: 2);
        var project = await app.CreateScopeAsync(organization, "Launch");
        var admin = await app.SeedMemberAsync(organization, MembersApi.Email("admin"), [new GrantSpec("workspace_admin", null)]);

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
                new { invitees = new[] { new { email = MembersApi.Email($"racer{i}-"), firstName = "Rae", lastName = "Racer" } }, grants = new[] { new { roleKey = "viewer", scopeId = project } } })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        }
        var pending = await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization && i.Status == InvitationStatus.Pending));
        Assert.Equal(1, pending);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TwentyParallelReactivations_ForTheLastSeat_ExactlyOneSucceeds(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Last seat");
        var admin = await app.SeedMemberAsync(organization, MembersApi.Email("admin"), [new GrantSpec("admin", null)]);
        var sleepers = new List<Guid>();
        for (var i = 0; i < Racers; i++)
        {
            var member = await app.SeedMemberAsync(organization, MembersApi.Email($"sleeper{i}-"), [new GrantSpec("member", null)]);
            (await admin.Client.PostAsync(MembersApi.Path(organization, $"/{member.MemberId}/deactivate"), null)).EnsureSuccessStatusCode();
            sleepers.Add(member.MemberId);
        }
        // The admin holds one seat; one more is free.
        (await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organization}", new { seatLimit = 2 })).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(sleepers.Select(id => admin.Client.PostAsync(MembersApi.Path(organization, $"/{id}/reactivate"), null)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        }
        var active = await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organization && m.Status == MemberStatus.Active));
        Assert.Equal(2, active);
    }
}
