using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 004 (workspaces): licences count invited and active members; revoking an invitation or deactivating a member frees one.</summary>
public sealed class Seed004WorkspaceLicenceTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PendingInvitationsTakeLicences_TheNextInviteIsRefused_AndRevokingFreesOne(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var workspace = await app.CreateOrganizationAsync("Agency", seatLimit: 3);
        var project = await app.CreateScopeAsync(workspace, "Website");
        var admin = await app.SeedMemberAsync(workspace, InvitationSupport.NewEmail("admin"), [new GrantSpec("workspace_admin", null)]);
        var first = await admin.Client.InviteNamedAsync(workspace, [InvitationSupport.NewEmail("one")], [new GrantSpec("editor", project)]);
        await admin.Client.InviteNamedAsync(workspace, [InvitationSupport.NewEmail("two")], [new GrantSpec("viewer", project)]);

        var seats = await (await admin.Client.GetAsync($"/api/v1/organizations/{workspace}/seats")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((3, 0), (seats.GetProperty("used").GetInt32(), seats.GetProperty("free").GetInt32()));
        var refusedEmail = InvitationSupport.NewEmail("three");
        var refused = await admin.Client.PostInvitationAsync(workspace, [refusedEmail], [new GrantSpec("viewer", project)]);
        await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == refusedEmail)));
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == workspace)));

        await (await admin.Client.PostAsync($"/api/v1/organizations/{workspace}/invitations/{first[0].GetProperty("id").GetGuid()}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        await admin.Client.InviteNamedAsync(workspace, [refusedEmail], [new GrantSpec("viewer", project)]);
        var twoMore = await admin.Client.PostInvitationAsync(workspace, [InvitationSupport.NewEmail(), InvitationSupport.NewEmail()], [new GrantSpec("viewer", project)]);
        await twoMore.ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AcceptingKeepsTheLicenceTheInvitationHeld(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var workspace = await app.CreateOrganizationAsync("Studio", seatLimit: 2);
        var project = await app.CreateScopeAsync(workspace, "App");
        var admin = await app.SeedMemberAsync(workspace, InvitationSupport.NewEmail("admin"), [new GrantSpec("workspace_admin", null)]);
        var email = InvitationSupport.NewEmail();
        await admin.Client.InviteNamedAsync(workspace, [email], [new GrantSpec("contributor", project)]);

        await (await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(email))).ExpectAsync(HttpStatusCode.Created);

        var seats = await (await admin.Client.GetAsync($"/api/v1/organizations/{workspace}/seats")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, seats.GetProperty("used").GetInt32());
        await (await admin.Client.PostInvitationAsync(workspace, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", project)]))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectAdmin_CannotInviteNewPeople(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var workspace = await app.CreateOrganizationAsync("Office");
        var project = await app.CreateScopeAsync(workspace, "Intranet");
        var projectAdmin = await app.SeedMemberAsync(workspace, InvitationSupport.NewEmail("pa"), [new GrantSpec("project_admin", project)]);

        var response = await projectAdmin.Client.PostInvitationAsync(workspace, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", project)]);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivationFreesSeat_ReactivationWithoutFreeSeatRefused(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus", seatLimit: 2);
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var workspaceAdmin = await app.SeedMemberAsync(org, MembersApi.Email("wsa"), [At("workspace_admin")]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("u"), [At("editor", bridge)]);
        async Task<int> UsedAsync() => (await (await app.Operator.GetAsync($"/api/v1/organizations/{org}/seats")).ExpectAsync(HttpStatusCode.OK)).GetProperty("used").GetInt32();
        Assert.Equal(2, await UsedAsync());

        await (await workspaceAdmin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await UsedAsync());

        await app.SeedMemberAsync(org, MembersApi.Email("late"), [At("viewer", bridge)]);
        Assert.Equal(2, await UsedAsync());
        await (await workspaceAdmin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/reactivate"), null)).ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        Assert.Equal("deactivated", (await workspaceAdmin.Client.MemberAsync(org, user.MemberId)).GetProperty("status").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberReactivated)));
    }
}
