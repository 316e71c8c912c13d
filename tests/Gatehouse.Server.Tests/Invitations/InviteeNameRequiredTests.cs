using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>Seed 004: "you will be required to provide its First Name and Last name" — the workspaces model's inviteeNameRequired policy.</summary>
public sealed class InviteeNameRequiredTests(ServerPool servers)
{
    private static Task<HttpResponseMessage> InviteAsync(HttpClient client, Guid org, Guid scope, object invitee) =>
        client.PostAsJsonAsync($"/api/v1/organizations/{org}/invitations",
            new { invitees = new[] { invitee }, grants = new[] { new { roleKey = "viewer", scopeId = scope } } });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Workspaces_InvitationWithoutBothNames_IsRefusedOnTheMissingFields_AndSendsNothing(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Names");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var admin = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("admin"), [new GrantSpec("workspace_admin", null)]);

        var bare = await (await admin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", bridge)]))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "invitee_name_required");
        Assert.True(bare.GetProperty("errors").TryGetProperty("emails", out _));
        var noLastName = await (await InviteAsync(admin.Client, org, bridge, new { email = InvitationSupport.NewEmail(), firstName = "Ada" }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "invitee_name_required");
        Assert.Equal(["invitees[0].lastName"], noLastName.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Enter the last name: this workspace needs the first and last name of everyone invited.", noLastName.GetProperty("detail").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));

        await (await InviteAsync(admin.Client, org, bridge, new { email = InvitationSupport.NewEmail(), firstName = "Ada", lastName = "Lovelace" })).ExpectAsync(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OtherPresets_InviteByEmailAlone(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync("Bare");
        var admin = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);

        await (await admin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", null)])).ExpectAsync(HttpStatusCode.Created);
    }
}
