using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 002: "For each category, you can either select a view-only or edit access": a Custom role's edit includes view.</summary>
public sealed class Seed002ViewOrEditTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRoleWithEditAlone_IsAllowedToView_InChecksEffectivePermissionsAndExplain(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("admin")]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("u"), [At("read_only")]);
        await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("inline", null)),
            inlineRole: new { name = "Custom", permissions = new[] { "insurance.edit" } })).ExpectAsync(HttpStatusCode.OK);

        async Task<bool> Allowed(string permission) =>
            (await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/check", new { userId = user.UserId, permission })).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("allowed").GetBoolean();

        Assert.True(await Allowed("insurance.edit"));
        Assert.True(await Allowed("insurance.view"));
        Assert.False(await Allowed("claims.view"));
        Assert.Equal(["insurance.view", "insurance.edit"], await admin.Client.EffectiveAsync(org, user.MemberId));
        var explained = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/explain", new { userId = user.UserId, permission = "insurance.view" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("granted", explained.GetProperty("reason").GetString());
        Assert.Contains("'Edit insurance' includes it", explained.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The catalog says which permission includes which, so a console can tick view when edit is chosen.
        var catalog = await (await admin.Client.GetAsync("/api/v1/permissions")).ExpectAsync(HttpStatusCode.OK);
        var edit = catalog.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("permissions").EnumerateArray())
            .Single(p => p.GetProperty("code").GetString() == "insurance.edit");
        Assert.Equal(["insurance.view"], edit.GetProperty("implies").EnumerateArray().Select(i => i.GetString()));
    }
}
