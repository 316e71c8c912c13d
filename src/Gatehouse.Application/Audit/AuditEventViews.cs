using System.Text.Json;
using Gatehouse.Core.Audit;

namespace Gatehouse.Application.Audit;

/// <summary>Who made a change (null user id = the system).</summary>
public sealed record AuditActorDto(Guid? UserId, string Name);

/// <summary>One audit event; <c>before</c> and <c>after</c> are the JSON states around the change.</summary>
public sealed record AuditEventDto(Guid Id, Guid? OrganizationId, AuditActorDto Actor, string Action, string TargetType, string TargetId,
    JsonElement? Before, JsonElement? After, DateTimeOffset OccurredAt, string? IpAddress);

/// <summary>Stored audit events as the use cases answer them.</summary>
internal static class AuditEventViews
{
    public static AuditEventDto ToDto(AuditEvent e) =>
        new(e.Id, e.OrganizationId, new AuditActorDto(e.ActorUserId, e.ActorName), e.Action, e.TargetType, e.TargetId,
            Parse(e.Before), Parse(e.After), e.OccurredAt, e.IpAddress);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored before/after is always JSON; should a row ever hold something else, it is shown as a string rather than failing the page.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
