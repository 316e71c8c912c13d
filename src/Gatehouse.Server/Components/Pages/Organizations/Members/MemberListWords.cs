using Gatehouse.Application.Members;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Api;

namespace Gatehouse.Server.Components.Pages.Organizations.Members;

/// <summary>The user list's cells and filter options in the access model's words ("Manager rights in Berlin", "Workshop user").</summary>
public static class MemberListWords
{
    /// <summary>"Organisational user" (seed 001), "Workspace-wide user", …: a member whose access reaches the whole organization.</summary>
    public static string OrganizationUser(AccessModel model)
    {
        var word = model.OrganizationLabel;
        return ConsoleWords.Capital(word.EndsWith("tion", StringComparison.Ordinal) ? word + "al user" : word + "-wide user");
    }

    /// <summary>"Workshop user": a member with access through scopes only; null when the model has no scopes.</summary>
    public static string? ScopeUser(AccessModel model) => model.Scopes is { } scopes ? ConsoleWords.Capital(scopes.Singular) + " user" : null;

    /// <summary>The person's name, or their email when they have none yet.</summary>
    public static string Name(MemberDto member) =>
        $"{member.FirstName} {member.LastName}".Trim() is { Length: > 0 } name ? name : member.Email;

    /// <summary>"Manager rights in Berlin, Basic rights in all workshops": every grant, the role per place.</summary>
    public static string AccessRights(AccessModel model, MemberDto member) =>
        Joined(member.Grants.Select(g => g.ScopeId is null
            ? model.Scopes is { } scopes ? $"{g.RoleName} in all {scopes.Plural}" : g.RoleName
            : $"{g.RoleName} in {g.ScopeName}"));

    /// <summary>"All workshops" for organization-wide members, else the scopes the member has access rights in.</summary>
    public static string Scopes(AccessModel model, MemberDto member) =>
        member.OrganizationWide && model.Scopes is { } scopes
            ? "All " + scopes.Plural
            : Joined(member.Grants.Where(g => g.ScopeId is not null).Select(g => g.ScopeName ?? string.Empty).Distinct());

    /// <summary>The member's permission groups (the organization's custom roles), each once.</summary>
    public static string Groups(CompiledOrganization organization, MemberDto member) =>
        Joined(member.Grants.Where(g => organization.FindRole(g.RoleKey)?.Kind == RoleKind.Custom).Select(g => g.RoleName).Distinct());

    /// <summary>Roles to filter by: the model's roles in its order, then the organization's permission groups by name.</summary>
    public static IEnumerable<CompiledRole> FilterRoles(CompiledOrganization organization) =>
        organization.Model.Roles.Select(r => organization.FindRole(r.Key)).OfType<CompiledRole>()
            .Concat(organization.Roles.Where(r => r.Kind == RoleKind.Custom).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>A scope with its parents ("North › Berlin"), so nested scopes of the same name are told apart.</summary>
    public static string ScopePath(CompiledOrganization organization, Guid scopeId) =>
        string.Join(" › ", organization.SelfAndAncestors(scopeId).Reverse().Select(s => s.Name));

    private static string Joined(IEnumerable<string> parts) => string.Join(", ", parts.Where(p => p.Length > 0)) is { Length: > 0 } text ? text : "—";
}
