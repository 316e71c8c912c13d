using System.Text.Json;
using Gatehouse.Core.Access;

namespace Gatehouse.Core.Audit;

/// <summary>
/// The places an organization's audit event touches, decided when it is recorded: for a member, every place of their
/// access (the organization for an organization-wide grant, full access or ownership); for a scope, the scope; every
/// <c>scopeId</c> and <c>parentId</c> in the states before and after (a null <c>scopeId</c> is an organization-wide
/// grant); the organization for anything else (roles, settings, keys) and for <c>fullAccess</c> or <c>isOwner</c> set
/// on either side. Who may read the event follows from them (<see cref="Gatehouse.Core.Management.AuditVisibility"/>).
/// </summary>
public static class AuditPlaces
{
    /// <summary>The places, each once; never empty.</summary>
    /// <param name="organization">The organization as the change found it.</param>
    /// <param name="targetType">The event's target type (<c>member</c>, <c>scope</c>, …).</param>
    /// <param name="targetId">The target's id.</param>
    /// <param name="before">The stored JSON before, or null.</param>
    /// <param name="after">The stored JSON after, or null.</param>
    public static IReadOnlyList<Guid> Of(CompiledOrganization organization, string targetType, string targetId, string? before, string? after)
    {
        var places = new HashSet<Guid>();
        switch (targetType)
        {
            case "member" or "invitation":
                if (targetType == "member" && Guid.TryParse(targetId, out var memberId) && organization.FindMember(memberId) is { } member)
                {
                    if (member.BypassesChecks)
                    {
                        places.Add(AuditEventPlace.Organization);
                    }
                    foreach (var grant in member.Grants)
                    {
                        places.Add(grant.ScopeId ?? AuditEventPlace.Organization);
                    }
                }
                break;
            case "scope" when Guid.TryParse(targetId, out var scopeId):
                places.Add(scopeId);
                break;
            default:
                places.Add(AuditEventPlace.Organization);
                break;
        }
        AddFrom(before, places);
        AddFrom(after, places);
        if (places.Count == 0)
        {
            places.Add(AuditEventPlace.Organization);
        }
        return [.. places];
    }

    private static void AddFrom(string? json, HashSet<Guid> places)
    {
        if (json is null)
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, places);
        }
        catch (JsonException)
        {
            // Stored states are JSON; anything else names no place, and the event stays with organization-wide viewers.
            places.Add(AuditEventPlace.Organization);
        }
    }

    private static void Walk(JsonElement element, HashSet<Guid> places)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, places);
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "scopeId":
                    places.Add(value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var scope) ? scope : AuditEventPlace.Organization);
                    break;
                case "parentId" when value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var parent):
                    places.Add(parent);
                    break;
                case "fullAccess" or "isOwner" or "owner" when value.ValueKind == JsonValueKind.True:
                    places.Add(AuditEventPlace.Organization);
                    break;
                default:
                    Walk(value, places);
                    break;
            }
        }
    }
}
