using Gatehouse.Application;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>
/// Projects and people for the member handler tests, on top of <see cref="UseCaseHost"/>'s organization: Nina manages
/// North (where Max is a member); Sue is a member of South, which Nina cannot see.
/// </summary>
internal sealed record MemberSeed(Guid North, Guid South, Actor Nina, Guid NinaMemberId, Guid MaxMemberId, Guid SueMemberId)
{
    public static async Task<MemberSeed> AddAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var organizationId = host.OrganizationId;
        var north = new Scope(Guid.CreateVersion7(now), organizationId, null, "North");
        var south = new Scope(Guid.CreateVersion7(now), organizationId, null, "South");
        db.Scopes.AddRange(north, south);
        Member Add(string email, string name, string roleKey, Guid scopeId)
        {
            var user = new User(Guid.CreateVersion7(now), email, name, "Tester", now);
            db.Users.Add(user);
            var member = new Member(Guid.CreateVersion7(now), organizationId, user.Id, now);
            db.Members.Add(member);
            db.Grants.Add(new Grant(Guid.CreateVersion7(now), organizationId, member.Id, roleKey, scopeId));
            return member;
        }
        var nina = Add("nina@acme.test", "Nina", "manager", north.Id);
        var max = Add("max@acme.test", "Max", "member", north.Id);
        var sue = Add("sue@acme.test", "Sue", "member", south.Id);
        // Rows added behind the access cache's back: a new version makes every reader compile them.
        (await db.Organizations.SingleAsync(o => o.Id == organizationId)).BumpAccessVersion();
        await db.SaveChangesAsync();
        return new MemberSeed(north.Id, south.Id, new Actor(ActorType.Person, nina.UserId, "Nina", IsPlatformOperator: false), nina.Id, max.Id, sue.Id);
    }
}
