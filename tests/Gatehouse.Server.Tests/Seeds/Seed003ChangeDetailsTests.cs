using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 003, "Edit — change details": admins with Users: Edit change another person's first name, last name and phone.</summary>
public sealed class Seed003ChangeDetailsTests(ServerPool servers)
{
    private static Task<string> GroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    private static string DetailsPath(Guid org, Guid member) => MembersApi.Path(org, $"/{member}/details");

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Administrator_ChangesATechniciansDetails_EveryOrganizationSeesThem_AndEachAuditsIt(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var other = await app.CreateOrganizationAsync("Other Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var technician = await GroupAsync(app, org, "Technician", "assets.view");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);
        var email = MembersApi.Email("ted");
        var ted = await app.SeedMemberAsync(org, email, [At(technician, north)], firstName: "Ted", lastName: "Technician");
        var tedElsewhere = await app.SeedMemberAsync(other, email);

        var changed = await (await admin.Client.PutAsJsonAsync(DetailsPath(org, ted.MemberId), new { firstName = "Theodore", lastName = "Tech", phone = "+44 20 7946 0000" }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("Theodore", "Tech", "+44 20 7946 0000"),
            (changed.GetProperty("firstName").GetString(), changed.GetProperty("lastName").GetString(), changed.GetProperty("phone").GetString()));
        var seenElsewhere = await tedElsewhere.Client.MemberAsync(other, tedElsewhere.MemberId);
        Assert.Equal("Theodore", seenElsewhere.GetProperty("firstName").GetString());
        var events = await app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.Action == "user.profile_changed" && e.ActorUserId == admin.UserId)
            .Select(e => e.OrganizationId).ToListAsync());
        Assert.Equal(new[] { org, other }.Order(), events.Select(e => e!.Value).Order());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithoutUsersEdit_OrForSomeoneAbove_OrWithAnEmptyName_IsRefused(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var viewerGroup = await GroupAsync(app, org, "User viewer", "members.view", "members.deactivate");
        var editorGroup = await GroupAsync(app, org, "User editor", "members.view", "members.assign");
        var viewer = await app.SeedMemberAsync(org, MembersApi.Email("view"), [At(viewerGroup)]);
        var editor = await app.SeedMemberAsync(org, MembersApi.Email("ed"), [At(editorGroup)]);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);
        var body = new { firstName = "New", lastName = "Name", phone = (string?)null };

        await (await viewer.Client.PutAsJsonAsync(DetailsPath(org, editor.MemberId), body)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await editor.Client.PutAsJsonAsync(DetailsPath(org, admin.MemberId), body)).ExpectProblemAsync(HttpStatusCode.Forbidden, "member_exceeds_own_access");
        var invalid = await (await admin.Client.PutAsJsonAsync(DetailsPath(org, editor.MemberId), new { firstName = "", lastName = "Name" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("first name", invalid.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var member = await admin.Client.MemberAsync(org, editor.MemberId);
        Assert.True(member.GetProperty("capabilities").GetProperty("changeDetails").GetBoolean());
        Assert.NotEqual("New", member.GetProperty("firstName").GetString());
    }
}
