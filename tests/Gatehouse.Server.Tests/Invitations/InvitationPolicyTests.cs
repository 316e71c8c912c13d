using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

public sealed class InvitationPolicyTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_WithoutAFreeSeat_IsRefused_AndNothingIsStored(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Full House", seatLimit: 1);
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var email = InvitationSupport.NewEmail();
        // Where only active members count, sending costs no seat; joining does.
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);

        var refused = await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(email));

        await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        Assert.Null(await app.UserAsync(email));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organization)));
        var pending = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/invitations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pending", Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InlineRole_IsMadePerInvitation_AndBelongsToTheMemberWhoAccepts(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var account = await app.CreateOrganizationAsync("Scooters Ltd");
        var admin = await app.SeedMemberAsync(account, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var accepting = InvitationSupport.NewEmail("custom");
        var revoked = InvitationSupport.NewEmail("gone");

        var created = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{account}/invitations", new
        {
            emails = new[] { accepting, revoked },
            grants = new[] { new { roleKey = "inline", scopeId = (Guid?)null } },
            inlineRole = new { name = "Custom", permissions = new[] { "assets.view", "claims.edit" } },
        })).ExpectAsync(HttpStatusCode.Created);
        var keys = created.EnumerateArray().Select(i => i.GetProperty("grants")[0].GetProperty("roleKey").GetString()).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(created.EnumerateArray(), i => Assert.Equal("Custom", i.GetProperty("grants")[0].GetProperty("roleName").GetString()));

        var member = (await (await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(accepting))).ExpectAsync(HttpStatusCode.Created)).GetProperty("memberId").GetGuid();
        await (await admin.Client.PostAsync($"/api/v1/organizations/{account}/invitations/{created[1].GetProperty("id").GetGuid()}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        var role = await app.InDatabaseAsync(db => db.Roles.SingleAsync(r => r.OrganizationId == account));
        Assert.Equal((RoleKind.Inline, keys[0], (Guid?)member), (role.Kind, role.Key, role.InlineForMemberId));
        Assert.Equal(["assets.view", "claims.edit"], role.Permissions.Order());
        var grant = await app.InDatabaseAsync(db => db.Grants.SingleAsync(g => g.OrganizationId == account && g.MemberId == member));
        Assert.Equal(keys[0], grant.RoleKey);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InlineRole_WithAPermissionNotOffered_IsRefused(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var account = await app.CreateOrganizationAsync("Bikes Ltd");

        var response = await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{account}/invitations", new
        {
            emails = new[] { InvitationSupport.NewEmail() },
            grants = new[] { new { roleKey = "inline", scopeId = (Guid?)null } },
            inlineRole = new { name = "Custom", permissions = new[] { "members.invite" } },
        });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "inline_role_permission_not_offered");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == account)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApi_DescribesTheInvitationAndRoleEndpoints(string store)
    {
        var app = await servers.GetAsync(store);

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/organizations/{organizationId}/invitations", "/api/v1/organizations/{organizationId}/invitations/{invitationId}/revoke",
            "/api/v1/invitations/accept", "/api/v1/invitations/lookup", "/api/v1/permissions", "/api/v1/organizations/{organizationId}/roles/{role}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document.");
        }
    }
}
