using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Application;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Checks;

/// <summary>
/// For the check handler tests, on top of <see cref="UseCaseHost"/>'s organization: Pat, a member without any grant,
/// and the member ids of Vic (the viewer) and Pat.
/// </summary>
internal sealed record CheckSeed(Actor Pat, Guid PatMemberId, Guid ViewerMemberId)
{
    public static async Task<CheckSeed> AddAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), "pat@acme.test", "Pat", "Tester", now);
        db.Users.Add(user);
        var pat = new Member(Guid.CreateVersion7(now), host.OrganizationId, user.Id, now);
        db.Members.Add(pat);
        // Rows added behind the access cache's back: a new version makes every reader compile them.
        (await db.Organizations.SingleAsync(o => o.Id == host.OrganizationId)).BumpAccessVersion();
        await db.SaveChangesAsync();
        var viewer = await db.Members.Where(m => m.UserId == host.Viewer.UserId).Select(m => m.Id).SingleAsync();
        return new CheckSeed(new Actor(Gatehouse.Application.ActorType.Person, user.Id, "Pat", IsPlatformOperator: false), pat.Id, viewer);
    }
}
