using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Application;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Audit;

/// <summary>
/// Audit events for the audit handler tests, on top of <see cref="UseCaseHost"/>'s organization, a minute apart in
/// this order: Olivia creates a scope, Olivia renames it, Vic deactivates a member (the newest of the organization),
/// and one platform event (no organization), the newest of all.
/// </summary>
internal sealed record AuditSeed(Guid Created, Guid Renamed, Guid Deactivated, Guid Platform, Guid TargetMember, DateTimeOffset Start)
{
    /// <summary>A platform operator (product support), a person.</summary>
    public static Actor Operator { get; } = new(Gatehouse.Application.ActorType.Person, Guid.NewGuid(), "Paula Operator", IsPlatformOperator: true);

    public static async Task<AuditSeed> AddAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        // Whole seconds, so both stores keep the times exactly.
        var start = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 3600);
        var scope = Guid.NewGuid();
        var member = Guid.NewGuid();
        AuditEvent Add(Guid? organization, Actor actor, string action, string targetType, Guid target, int minutes, string? before, string? after)
        {
            var e = new AuditEvent(Guid.CreateVersion7(start.AddMinutes(minutes)), organization, actor.UserId, actor.Name, action, targetType, target.ToString(),
                before, after, start.AddMinutes(minutes), "192.0.2.1");
            db.AuditEvents.Add(e);
            return e;
        }
        var created = Add(host.OrganizationId, host.Owner, "scope.created", "scope", scope, 0, null, "{\"name\":\"Lab\"}");
        var renamed = Add(host.OrganizationId, host.Owner, "scope.renamed", "scope", scope, 1, "{\"name\":\"Lab\"}", "{\"name\":\"Bench\"}");
        var deactivated = Add(host.OrganizationId, host.Viewer, "member.deactivated", "member", member, 2, "{\"status\":\"active\"}", "{\"status\":\"deactivated\"}");
        var platform = Add(null, Operator, "user.erased", "user", Guid.NewGuid(), 3, null, null);
        await db.SaveChangesAsync();
        return new AuditSeed(created.Id, renamed.Id, deactivated.Id, platform.Id, member, start);
    }
}
