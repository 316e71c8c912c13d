using Gatehouse.Core.Audit;
using Gatehouse.Data;

namespace Gatehouse.Application.Audit;

/// <summary>Writes audit events into the caller's unit of work, so each is stored in the same transaction as its change.</summary>
public static class AuditLog
{
    /// <summary>Adds one event and returns it; <paramref name="before"/> and <paramref name="after"/> are stored as the API's JSON.</summary>
    public static AuditEvent Record(GatehouseDb db, Guid? organizationId, Actor actor, string action, string targetType, object targetId,
        object? before, object? after, DateTimeOffset now, string? ipAddress) =>
        db.AuditEvents.Add(new AuditEvent(
            Guid.CreateVersion7(now),
            organizationId,
            actor.UserId,
            actor.Name,
            action,
            targetType,
            targetId.ToString() ?? string.Empty,
            before is null ? null : AuditJson.Of(before),
            after is null ? null : AuditJson.Of(after),
            now,
            ipAddress)).Entity;

    /// <summary>Who an event names as its actor: a user (with their name then), or the system (a command, null user).</summary>
    public sealed record Actor(Guid? UserId, string Name)
    {
        /// <summary>The acting party of a use case.</summary>
        public static implicit operator Actor(Application.Actor actor) => new(actor.UserId, actor.Name);
    }
}

/// <summary>The time of a change, in whole milliseconds: what SQLite keeps, so an answer shows the same instants a later read returns.</summary>
public static class ChangeClock
{
    /// <summary>Now, truncated to the millisecond.</summary>
    public static DateTimeOffset ChangeTime(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
