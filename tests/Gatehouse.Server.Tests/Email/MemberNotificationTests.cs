using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Server.Access;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Email;

/// <summary>Members are emailed about changes to their membership only where the access model's memberNotifications asks for it.</summary>
public sealed class MemberNotificationTests(ServerPool servers)
{
    private sealed record World(GatehouseApp App, Guid Org, Guid Scope, SeededMember Admin, SeededMember Ben, string BenEmail, SeededMember Cleo, string CleoEmail, Guid Robot);

    private static async Task<World> SeedAsync(GatehouseApp app, string adminRole, string memberRole)
    {
        var org = await app.CreateOrganizationAsync("Notices");
        var scope = await app.CreateScopeAsync(org, "North");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec(adminRole, null)], firstName: "Ann", lastName: "Admin");
        var benEmail = MembersApi.Email("ben");
        var ben = await app.SeedMemberAsync(org, benEmail, [new GrantSpec(memberRole, scope)], firstName: "Ben", lastName: "Baker");
        var cleoEmail = MembersApi.Email("cleo");
        var cleo = await app.SeedMemberAsync(org, cleoEmail, [new GrantSpec(memberRole, scope)]);
        var robot = await app.InDatabaseAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var user = new User(Guid.CreateVersion7(), MembersApi.Email("robot"), "Robot", "Service", now, UserKind.ServiceAccount);
            var member = new Member(Guid.CreateVersion7(), org, user.Id, now, false, false);
            db.Users.Add(user);
            db.Members.Add(member);
            db.Grants.Add(new Grant(Guid.CreateVersion7(), org, member.Id, memberRole, scope));
            await db.SaveChangesAsync();
            return member.Id;
        });
        app.Services.GetRequiredService<AccessCache>().Invalidate(org);
        return new World(app, org, scope, admin, ben, benEmail, cleo, cleoEmail, robot);
    }

    private static async Task ChangeAsync(World w, string newRole)
    {
        var member = await (await w.Admin.Client.GetAsync(MembersApi.Path(w.Org, $"/{w.Ben.MemberId}"))).ExpectAsync(HttpStatusCode.OK);
        await (await w.Admin.Client.PutAsJsonAsync(MembersApi.Path(w.Org, $"/{w.Ben.MemberId}/access"),
            new { version = member.GetProperty("version").GetInt32(), grants = new[] { new { roleKey = newRole, scopeId = (Guid?)w.Scope } } })).ExpectAsync(HttpStatusCode.OK);
        await (await w.Admin.Client.PostAsync(MembersApi.Path(w.Org, $"/{w.Ben.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        await (await w.Admin.Client.DeleteAsync(MembersApi.Path(w.Org, $"/{w.Cleo.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await w.Admin.Client.PostAsync(MembersApi.Path(w.Org, $"/{w.Robot}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        await (await w.Admin.Client.DeleteAsync(MembersApi.Path(w.Org, $"/{w.Robot}"))).ExpectAsync(HttpStatusCode.NoContent);
    }

    private static Task<List<(string Kind, string To, string Text, string? Html)>> EmailsAsync(World w) =>
        w.App.InDatabaseAsync(async db => (await db.Outbox.AsNoTracking().Where(m => m.OrganizationId == w.Org).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync())
            .Select(m => (m.Kind, m.To, m.TextBody, m.HtmlBody)).ToList());

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WhereTheModelWantsThem_MembersAreEmailed_ButNeverServiceAccounts(string store)
    {
        var w = await SeedAsync(await servers.GetAsync(store, "workshops"), "manager", "basic");

        await ChangeAsync(w, "manager");

        var emails = await EmailsAsync(w);
        Assert.Equal([("access_changed", w.BenEmail), ("member_deactivated", w.BenEmail), ("member_removed", w.CleoEmail)], emails.Select(e => (e.Kind, e.To)));
        var (_, _, changed, changedHtml) = emails[0];
        Assert.Contains("Ann Admin changed your access in Notices. You now have:\n- Manager rights at North\n", changed, StringComparison.Ordinal);
        Assert.Contains("<strong>Manager rights</strong> at North", changedHtml, StringComparison.Ordinal);
        Assert.Contains("Ann Admin deactivated your membership of Notices.", emails[1].Text, StringComparison.Ordinal);
        Assert.Contains("ask Ann Admin or another administrator of the organisation to reactivate you", emails[1].Text, StringComparison.Ordinal);
        Assert.Contains("Ann Admin removed you from Notices.", emails[2].Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WhereTheModelDoesNotWantThem_NoMemberIsEmailed(string store)
    {
        var w = await SeedAsync(await servers.GetAsync(store, "default"), "admin", "viewer");

        await ChangeAsync(w, "member");

        Assert.Empty(await EmailsAsync(w));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AGrantAddedAtAScope_IsAnAccessChange(string store)
    {
        var w = await SeedAsync(await servers.GetAsync(store, "workshops"), "manager", "basic");
        var south = await w.App.CreateScopeAsync(w.Org, "South");

        await (await w.Admin.Client.PostAsJsonAsync(MembersApi.Path(w.Org, $"/{w.Ben.MemberId}/scopes"), new { scopeId = south, roleKey = "basic" })).ExpectAsync(HttpStatusCode.OK);
        await (await w.Admin.Client.DeleteAsync(MembersApi.Path(w.Org, $"/{w.Ben.MemberId}/scopes/{w.Scope}"))).ExpectAsync(HttpStatusCode.OK);

        var emails = await EmailsAsync(w);
        Assert.Equal(["access_changed", "access_changed"], emails.Select(e => e.Kind));
        Assert.Contains("You now have:\n- Basic rights at North\n- Basic rights at South\n", emails[0].Text, StringComparison.Ordinal);
        Assert.Contains("You now have:\n- Basic rights at South\n", emails[1].Text, StringComparison.Ordinal);
    }
}
