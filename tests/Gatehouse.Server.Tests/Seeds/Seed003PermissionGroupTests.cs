using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 003 (facilities) through the API: an administrator creates a permission group, invites a user with
/// name, phone, the group and one facility; the product's checks then follow the facility assignment and
/// "View Own"; deactivation stops access at once and activation restores it.
/// </summary>
public sealed class Seed003PermissionGroupTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PermissionGroup_AtOneFacility_DecidesTheProductsChecks(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var organization = await app.CreateOrganizationAsync("Titanus Retail");
        var north = await app.CreateScopeAsync(organization, "Store North");
        var south = await app.CreateScopeAsync(organization, "Store South");
        var administrator = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("administrator", null)]);
        var orgPath = $"/api/v1/organizations/{organization}";

        var group = await (await administrator.Client.PostAsJsonAsync($"{orgPath}/roles", new
        {
            name = "Technician",
            permissions = new[] { "facilities.view", "work_orders.create", "work_orders.view_own" },
        })).ExpectAsync(HttpStatusCode.Created);
        var groupKey = group.GetProperty("key").GetString()!;

        var email = InvitationSupport.NewEmail("tech");
        (await administrator.Client.PostAsJsonAsync($"{orgPath}/invitations", new
        {
            invitees = new[] { new { email, firstName = "Tia", lastName = "Technician", phone = "+45 11 22 33 44" } },
            grants = new[] { new { roleKey = groupKey, scopeId = (Guid?)north } },
        })).EnsureSuccessStatusCode();
        var accepted = await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept",
            new { token = await app.TokenSentToAsync(email), password = "a perfectly long password" })).ExpectAsync(HttpStatusCode.Created);
        var (memberId, userId) = (accepted.GetProperty("memberId").GetGuid(), accepted.GetProperty("userId").GetGuid());

        var row = await administrator.Client.MemberAsync(organization, memberId);
        Assert.Equal(("Tia", "+45 11 22 33 44", false), (row.GetProperty("firstName").GetString(), row.GetProperty("phone").GetString(), row.GetProperty("fullAccess").GetBoolean()));
        Assert.Equal("Technician", Assert.Single(row.GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());

        async Task<bool> Check(string permission, Guid scope, Guid? owner = null)
        {
            var answer = await (await administrator.Client.PostAsJsonAsync($"{orgPath}/check",
                new { userId, permission, scopeId = scope, resourceOwnerUserId = owner })).ExpectAsync(HttpStatusCode.OK);
            return answer.GetProperty("allowed").GetBoolean();
        }

        Assert.True(await Check("facilities.view", north));
        Assert.False(await Check("facilities.view", south));                   // not assigned there
        Assert.True(await Check("work_orders.view", north, owner: userId));     // View Own: their own work order
        Assert.False(await Check("work_orders.view", north, owner: administrator.UserId));
        Assert.False(await Check("work_orders.delete", north));

        await (await administrator.Client.PostAsync(MembersApi.Path(organization, $"/{memberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(await Check("facilities.view", north));
        await (await administrator.Client.PostAsync(MembersApi.Path(organization, $"/{memberId}/reactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(await Check("facilities.view", north));

        // Editing the group changes everyone holding it at once.
        (await administrator.Client.PatchAsJsonAsync($"{orgPath}/roles/{groupKey}", new { permissions = new[] { "facilities.view", "work_orders.view" } })).EnsureSuccessStatusCode();
        Assert.True(await Check("work_orders.view", north, owner: administrator.UserId));
    }
}
