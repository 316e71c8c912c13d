using Gatehouse.Application;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>
/// Projects for the scope handler tests, on top of <see cref="UseCaseHost"/>'s organization: First (holding Inner) and
/// Third; Kim keeps the structure (a custom role holding only 'organization.manage', organization-wide); Carol views Third.
/// </summary>
internal sealed record ScopeSeed(Guid First, Guid Inner, Guid Third, Actor Kim, Guid CarolMemberId)
{
    public static async Task<ScopeSeed> AddAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var organizationId = host.OrganizationId;
        Scope Add(string name, Guid? parent)
        {
            var scope = new Scope(Guid.CreateVersion7(now), organizationId, parent, name);
            db.Scopes.Add(scope);
            return scope;
        }
        var first = Add("First", null);
        var inner = Add("Inner", first.Id);
        var third = Add("Third", null);
        var keeper = new Role(Guid.CreateVersion7(now), organizationId, RoleKind.Custom, "Keeper", ["organization.manage"]);
        db.Roles.Add(keeper);
        var kim = Member(db, organizationId, "kim@acme.test", "Kim", now, keeper.Key, null);
        var carol = Member(db, organizationId, "carol@acme.test", "Carol", now, "viewer", third.Id);
        // Rows added behind the access cache's back: a new version makes every reader compile them.
        (await db.Organizations.SingleAsync(o => o.Id == organizationId)).BumpAccessVersion();
        await db.SaveChangesAsync();
        return new ScopeSeed(first.Id, inner.Id, third.Id, new Actor(ActorType.Person, kim.UserId, "Kim", IsPlatformOperator: false), carol.Id);
    }

    private static Member Member(Data.GatehouseDb db, Guid organizationId, string email, string name, DateTimeOffset now, string roleKey, Guid? scopeId)
    {
        var user = new User(Guid.CreateVersion7(now), email, name, "Tester", now);
        db.Users.Add(user);
        var member = new Member(Guid.CreateVersion7(now), organizationId, user.Id, now);
        db.Members.Add(member);
        db.Grants.Add(new Grant(Guid.CreateVersion7(now), organizationId, member.Id, roleKey, scopeId));
        return member;
    }
}
