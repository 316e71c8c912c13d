using System.Text.Json;
using Gatehouse.Core.Access;
using Gatehouse.Core.Audit;
using Gatehouse.Application.Audit;
using Gatehouse.Server.Api;

namespace Gatehouse.Server.Components.Pages.Organizations.Audit;

/// <summary>How the audit log reads to a person: action names, targets by name, and what changed.</summary>
public static class AuditWords
{
    /// <summary>The actions an organization's log may hold, with their labels, in the order the filter offers them.</summary>
    public static IReadOnlyList<(string Code, string Label)> Actions(ConsoleWords words)
    {
        var organization = ConsoleWords.Capital(words.Organization);
        var actions = new List<(string, string)>
        {
            (AuditActions.InvitationSent, "Invitation sent"),
            (AuditActions.InvitationResent, "Invitation sent again"),
            (AuditActions.InvitationRevoked, "Invitation revoked"),
            (AuditActions.InvitationAccepted, "Invitation accepted"),
            (AuditActions.MemberAccessChanged, "Access rights changed"),
            (AuditActions.MemberAddedToScope, words.Scope is { } s ? $"Added to a {s}" : "Access added"),
            (AuditActions.MemberRemovedFromScope, words.Scope is { } r ? $"Removed from a {r}" : "Access removed"),
            (AuditActions.MemberDeactivated, "User deactivated"),
            (AuditActions.MemberReactivated, "User reactivated"),
            (AuditActions.MemberRemoved, $"User removed from the {words.Organization}"),
            (AuditActions.OwnerChanged, "Owner changed"),
            (AuditActions.RoleCreated, "Role created"),
            (AuditActions.RoleUpdated, "Role changed"),
            (AuditActions.RoleDeleted, "Role deleted"),
        };
        if (words.Scope is { } scope)
        {
            var capital = ConsoleWords.Capital(scope);
            actions.AddRange([(AuditActions.ScopeCreated, $"{capital} created"), (AuditActions.ScopeRenamed, $"{capital} renamed"),
                (AuditActions.ScopeMoved, $"{capital} moved"), (AuditActions.ScopeDeleted, $"{capital} deleted")]);
        }
        actions.AddRange([
            (AuditActions.OrganizationCreated, $"{organization} created"),
            (AuditActions.OrganizationRenamed, $"{organization} renamed"),
            (AuditActions.OrganizationPlanChanged, "Plan or seat limit changed"),
            (AuditActions.AccountErased, "Account deleted permanently"),
            (AuditActions.ProfileChanged, "Profile changed"),
            (AuditActions.EmailChanged, "Email address changed"),
            (AuditActions.PasswordChanged, "Password changed"),
            (AuditActions.PasswordReset, "Password reset"),
            (AuditActions.EmailVerified, "Email address verified"),
            (AuditActions.SignInSucceeded, "Signed in"),
            (AuditActions.SignInFailed, "Sign-in failed"),
            (AuditActions.SignInLockedOut, "Locked out after failed sign-ins"),
            (AuditActions.ApiKeyCreated, "API key created"),
            (AuditActions.ApiKeyRevoked, "API key revoked"),
            (AuditActions.ServiceAccountCreated, "Service account created"),
            (Gatehouse.Application.Email.RetryOutboxMessageHandler.RetriedAction, "Email sent again"),
        ]);
        return actions;
    }

    /// <summary>Groups of actions (API prefixes ending with a dot) the filter offers.</summary>
    public static IReadOnlyList<(string Code, string Label)> Groups(ConsoleWords words) =>
    [
        ("member.", "Every change to users"),
        ("invitation.", "Every invitation"),
        ("role.", "Every role change"),
        .. words.Scope is { } scope ? new[] { ("scope.", $"Every {scope} change") } : [],
        ("user.", "Every account change"),
        ("signin.", "Every sign-in"),
    ];

    /// <summary>The label of an action, or its code when it has none.</summary>
    public static string Label(string code, ConsoleWords words) =>
        Actions(words).Concat(Groups(words)).FirstOrDefault(a => a.Code == code) is { Label: { } label } ? label : code;

    /// <summary>The target by name where that is cheap (the organization as loaded, or the event's own before/after), else its id.</summary>
    public static string Target(AuditEventDto e, CompiledOrganization organization, ConsoleWords words)
    {
        if (e.TargetType == "organization" && e.TargetId == organization.OrganizationId.ToString())
        {
            return $"This {words.Organization}";
        }
        var known = e.TargetType switch
        {
            "member" when Guid.TryParse(e.TargetId, out var id) && organization.FindMember(id) is { } member => member.Entry.Name,
            "user" when Guid.TryParse(e.TargetId, out var id) && organization.FindMemberByUser(id) is { } member => member.Entry.Name,
            "scope" when Guid.TryParse(e.TargetId, out var id) && organization.FindScope(id) is { } scope => scope.Name,
            _ => null,
        };
        var name = known ?? Property(e.After, "name") ?? Property(e.Before, "name") ?? Property(e.After, "email") ?? Property(e.Before, "email");
        return name is null ? $"{Kind(e.TargetType, words)} {e.TargetId}" : $"{Kind(e.TargetType, words)} {name}";
    }

    /// <summary>What changed, in one line: "status: active → deactivated"; what was set when created; what was there when removed.</summary>
    public static string Change(JsonElement? before, JsonElement? after)
    {
        static bool IsObject(JsonElement? e) => e is { ValueKind: JsonValueKind.Object };
        if (IsObject(before) && IsObject(after))
        {
            var keys = before!.Value.EnumerateObject().Select(p => p.Name).Union(after!.Value.EnumerateObject().Select(p => p.Name));
            var changes = keys
                .Select(k => (Key: k, Was: Value(before.Value, k), Now: Value(after.Value, k)))
                .Where(c => c.Was != c.Now)
                .Select(c => $"{c.Key}: {c.Was} → {c.Now}");
            return string.Join("; ", changes);
        }
        if (IsObject(after))
        {
            return string.Join("; ", after!.Value.EnumerateObject().Select(p => $"{p.Name}: {Short(p.Value)}"));
        }
        if (IsObject(before))
        {
            return "was " + string.Join("; ", before!.Value.EnumerateObject().Select(p => $"{p.Name}: {Short(p.Value)}"));
        }
        return before is { } b ? Short(b) + (after is { } a ? " → " + Short(a) : string.Empty) : after is { } only ? Short(only) : string.Empty;
    }

    private static string Kind(string targetType, ConsoleWords words) => targetType switch
    {
        "member" => "User",
        "scope" => ConsoleWords.Capital(words.Scope ?? "scope"),
        "organization" => ConsoleWords.Capital(words.Organization),
        "invitation" => "Invitation for",
        "role" => "Role",
        "user" => "Account",
        "api_key" => "API key",
        "email" => "Email",
        _ => ConsoleWords.Capital(targetType),
    };

    private static string? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Value(JsonElement element, string key) => element.TryGetProperty(key, out var value) ? Short(value) : "—";

    private static string Short(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Null => "—",
            _ => value.GetRawText(),
        };
        return text.Length <= 80 ? text : text[..79] + "…";
    }
}
