namespace Gatehouse.Core.Audit;

/// <summary>An append-only record of one change: who, what, which target, before/after, when, from where.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="OrganizationId">The organization the change happened in, or null for platform-level events.</param>
/// <param name="ActorUserId">Who made the change, or null for the system.</param>
/// <param name="ActorName">The actor's name at the time (pseudonymised on erasure).</param>
/// <param name="Action">Stable action name such as <c>member.deactivated</c> (see <see cref="AuditActions"/>).</param>
/// <param name="TargetType">Kind of target: <c>member</c>, <c>invitation</c>, <c>role</c>, <c>scope</c>, <c>organization</c>, <c>user</c>.</param>
/// <param name="TargetId">The target's identifier.</param>
/// <param name="Before">JSON state before the change, or null.</param>
/// <param name="After">JSON state after the change, or null.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="IpAddress">Where the request came from.</param>
public sealed record AuditEvent(
    Guid Id,
    Guid? OrganizationId,
    Guid? ActorUserId,
    string ActorName,
    string Action,
    string TargetType,
    string TargetId,
    string? Before,
    string? After,
    DateTimeOffset OccurredAt,
    string? IpAddress);
