using Gatehouse.Application.Grants;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Server.Components.Pages.Organizations.Invitations;

namespace Gatehouse.Server.Components.Pages.Organizations.Scopes;

/// <summary>
/// A project's "Users" tab (seed 004) in the access model's words: the role each person holds at the scope, what reaches
/// it from elsewhere, and the change a row's role select sends (the member's whole access, as <c>PUT …/access</c> takes it).
/// </summary>
public static class ScopeUsers
{
    // The query values that belong to one answer or one dialog, never carried over to the next address.
    private static readonly string[] Answers = ["done", "member", "edit"];

    /// <summary>The roles a row or "Add user" offers at a scope: the model's and the organization's own that may be given on a scope.</summary>
    public static IReadOnlyList<CompiledRole> Roles(CompiledOrganization organization) =>
        [.. InviteChoices.Roles(organization).Where(r => r.GrantableAt.HasFlag(GrantTargets.Scope))];

    /// <summary>The member's own roles at the scope itself (the ones a row's select changes).</summary>
    public static IReadOnlyList<MemberGrantDto> Held(MemberDto member, Guid scopeId) => [.. member.Grants.Where(g => g.ScopeId == scopeId)];

    /// <summary>
    /// How the member reaches the scope when they hold no role there: "Workspace admin — all projects", "Editor in North",
    /// "Full access", "Owner". Null when they hold a role at the scope itself.
    /// </summary>
    public static string? Reach(CompiledOrganization organization, MemberDto member, Guid scopeId)
    {
        if (member.Grants.Any(g => g.ScopeId == scopeId))
        {
            return null;
        }
        var plural = organization.Model.Scopes?.Plural ?? "scopes";
        var ancestors = organization.SelfAndAncestors(scopeId).Select(s => s.Id).ToHashSet();
        var parts = member.Grants
            .Where(g => g.ScopeId is null || ancestors.Contains(g.ScopeId.Value))
            .Select(g => g.ScopeId is null ? $"{g.RoleName} — all {plural}" : $"{g.RoleName} in {g.ScopeName}")
            .ToList();
        if (member.FullAccess)
        {
            parts.Add("Full access");
        }
        if (member.IsOwner)
        {
            parts.Add("Owner");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : "—";
    }

    /// <summary>
    /// The member's access with <paramref name="roleKey"/> as their one role at the scope and everything else as it is,
    /// judged against <paramref name="version"/> (the one the viewer saw); full access is left alone.
    /// </summary>
    public static ReplaceMemberAccessCommand RoleChange(Guid organizationId, MemberDto member, Guid scopeId, string roleKey, int? version) =>
        new(organizationId, member.MemberId, version,
            [.. member.Grants.Where(g => g.ScopeId != scopeId).Select(g => new GrantRequest(g.RoleKey, g.ScopeId)), new GrantRequest(roleKey, scopeId)],
            FullAccess: null, InlineRole: null);

    /// <summary>The policy's sentence when the viewer may not change the member's role at the scope; null when they may.</summary>
    public static string? WhyNot(OpenedOrganization opened, MemberDto member, Guid scopeId)
    {
        if (member.Capabilities.EditableTargets.Contains(scopeId))
        {
            return null;
        }
        var organization = opened.Organization;
        var current = member.Grants.Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToList();
        // Asked about taking the role there away: the change every other choice of the select includes.
        var wanted = current.Where(g => g.ScopeId != scopeId).ToList();
        var decision = ReplaceAccess.Evaluate(organization, opened.Policy, new ReplaceAccessRequest(member.MemberId, wanted, member.FullAccess));
        return decision.Error?.Message
            ?? $"You cannot change {MemberName(member)}'s role in {organization.DescribeTarget(scopeId)}; ask someone who manages users there.";
    }

    /// <summary>The person's name, or their email when they have none yet.</summary>
    public static string MemberName(MemberDto member) =>
        $"{member.FirstName} {member.LastName}".Trim() is { Length: > 0 } name ? name : member.Email;

    /// <summary>
    /// The tab's address as it is (search, page), without an earlier answer or dialog, with <paramref name="set"/> added:
    /// where a change sends the browser back to (post/redirect/get) and how a row opens its dialog.
    /// </summary>
    public static string Here(string currentUri, params (string Key, string Value)[] set)
    {
        var uri = new Uri(currentUri);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        foreach (var key in Answers.Concat(set.Select(s => s.Key)))
        {
            query.Remove(key);
        }
        foreach (var (key, value) in set)
        {
            query[key] = value;
        }
        return query.Count == 0 ? uri.AbsolutePath : $"{uri.AbsolutePath}?{query}";
    }
}
