using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 002: a member's Custom permissions are readable on the member record, not only through effective permissions.</summary>
public sealed class Seed002CustomPermissionsTests(ServerPool servers)
{
    private static List<string>? InlineOf(JsonElement member) =>
        Assert.Single(member.GetProperty("grants").EnumerateArray()).GetProperty("inlinePermissions") is { ValueKind: JsonValueKind.Array } codes
            ? [.. codes.EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal)]
            : null;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRole_ListsItsPermissions_OnTheMemberAndInTheList_WhileSystemRolesDoNot(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("admin")]);
        var custom = await app.SeedMemberAsync(org, MembersApi.Email("custom"), [At("read_only")]);
        await (await admin.Client.PutAccessAsync(org, custom.MemberId, Grants(("inline", null)),
            inlineRole: new { name = "Custom", permissions = new[] { "insurance.edit", "assets.view" } })).ExpectAsync(HttpStatusCode.OK);

        var member = await admin.Client.MemberAsync(org, custom.MemberId);

        // What the role gives, edit with the view it includes, as a check would answer it.
        Assert.Equal(["assets.view", "insurance.edit", "insurance.view"], InlineOf(member));
        Assert.Null(InlineOf(await admin.Client.MemberAsync(org, admin.MemberId)));
        var row = (await admin.Client.AllRowsAsync(org)).Single(r => r.GetProperty("memberId").GetGuid() == custom.MemberId);
        Assert.Equal(InlineOf(member), InlineOf(row));
        Assert.Equal(InlineOf(member), (await admin.Client.EffectiveAsync(org, custom.MemberId)).Order(StringComparer.Ordinal));
    }
}
