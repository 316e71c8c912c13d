using Gatehouse.Application.Members;
using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Api;
using Gatehouse.Application.Work;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Scopes;

namespace Gatehouse.Server.Components.Pages.Organizations.Members;

/// <summary>How the access editor asks for a member's roles, decided by the access model.</summary>
public enum AccessLayout
{
    /// <summary>A check mark and one role per target (workshops, workspaces).</summary>
    RolePerTarget,

    /// <summary>Permission groups as check boxes per target (facilities: the organization's own roles).</summary>
    Groups,

    /// <summary>One role for the whole account, possibly a one-off Custom one (micromobility).</summary>
    OneRole,
}

/// <summary>A role the editor offers.</summary>
public sealed record RoleOption(string Key, string Name);

/// <summary>One target of the editor: the organization itself (null scope) or a scope, and whether the viewer may change it.</summary>
/// <param name="Why">The policy's sentence when the viewer may not change the member's access there.</param>
public sealed record TargetRow(Guid? ScopeId, string Name, int Depth, IReadOnlyList<RoleOption> Roles, IReadOnlyList<string> Held, bool Editable, string? Why)
{
    /// <summary>The row's name in the form.</summary>
    public string Key => ScopeId?.ToString() ?? "organization";
}

/// <summary>
/// What the access editor shows for one member: the targets the viewer can see, the roles offered at each, and what the
/// viewer may change. Which targets are editable comes from the member's capabilities (the API's); the sentences from
/// the management policy, asked about the change the row would make.
/// </summary>
public sealed record MemberAccessView(AccessLayout Layout, IReadOnlyList<TargetRow> Rows, IReadOnlyList<GrantSpec> Hidden, string? FullAccessWhy)
{
    /// <summary>The key of the "Custom" option in the one-role layout (the API's key for a request's inline role).</summary>
    public const string CustomKey = GrantRequest.InlineRoleKey;

    /// <summary>The rows for a member as the API answered them, scopes in the API's tree order.</summary>
    public static MemberAccessView For(OpenedOrganization opened, MemberDto member, IReadOnlyList<ScopeDto> scopes)
    {
        var organization = opened.Organization;
        var model = organization.Model;
        var layout = model.Policies.InlineRoles && model.Scopes is null ? AccessLayout.OneRole
            : model.Policies.CustomRoles ? AccessLayout.Groups
            : AccessLayout.RolePerTarget;
        var compiled = organization.FindMember(member.MemberId);
        var (visibility, _) = MemberVisibility.For(opened.Organization, opened.Policy);
        var depth = new Dictionary<Guid, int>();
        var rows = new List<TargetRow>();
        var organizationRow = Row(opened, member, compiled, layout, null, ConsoleWords.Of(model), 0);
        // The organization itself is a row unless nothing can be granted there and the member holds nothing there.
        if (layout == AccessLayout.OneRole || organizationRow.Roles.Count > 0 || organizationRow.Held.Count > 0)
        {
            rows.Add(organizationRow);
        }
        foreach (var scope in scopes)
        {
            depth[scope.Id] = scope.ParentId is { } parent && depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            var seen = visibility is { Everyone: true } || visibility?.Scopes.Contains(scope.Id) == true || member.Grants.Any(g => g.ScopeId == scope.Id);
            if (seen)
            {
                rows.Add(Row(opened, member, compiled, layout, scope, ConsoleWords.Of(model), depth[scope.Id]));
            }
        }
        var shown = rows.Select(r => r.ScopeId).ToHashSet();
        var hidden = member.Grants.Where(g => !shown.Contains(g.ScopeId)).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToList();
        var fullAccessWhy = member.Capabilities.ChangeFullAccess ? null
            : ChangeFullAccess.Evaluate(organization, opened.Policy, new ChangeFullAccessRequest(member.MemberId, !member.FullAccess)).Error?.Message
              ?? Fallback(organization, "full access");
        return new MemberAccessView(layout, rows, hidden, fullAccessWhy);
    }

    /// <summary>The label of the organization-wide option in the model's words ("Organisational user — all workshops, existing and future").</summary>
    public static string OrganizationWideLabel(ConsoleWords words) =>
        words.Scopes is null ? ConsoleWords.Capital(words.Organization)
        : words.Organization.EndsWith("ion", StringComparison.Ordinal) ? $"{ConsoleWords.Capital(words.Organization)}al user — all {words.Scopes}, existing and future"
        : $"{ConsoleWords.Capital(words.Organization)}-wide access — all {words.Scopes}, existing and future";

    private static TargetRow Row(OpenedOrganization opened, MemberDto member, CompiledMember? compiled, AccessLayout layout,
        ScopeDto? scope, ConsoleWords words, int depth)
    {
        var target = scope?.Id;
        var held = member.Grants.Where(g => g.ScopeId == target).ToList();
        var roles = Offered(opened.Organization, target, layout).ToList();
        foreach (var grant in held.Where(g => roles.All(r => r.Key != g.RoleKey) && !(layout == AccessLayout.OneRole && IsInline(opened.Organization, g.RoleKey))))
        {
            roles.Add(new RoleOption(grant.RoleKey, grant.RoleName));
        }
        var editable = member.Capabilities.EditableTargets.Contains(target);
        var why = editable || compiled is null ? null : WhyNot(opened, compiled, target, roles);
        return new TargetRow(target, scope?.Name ?? OrganizationWideLabel(words), depth, roles, [.. held.Select(g => g.RoleKey)], editable, why);
    }

    /// <summary>The roles offered at a target: the model's in its order, then the organization's own by name; Custom last when the model has one-off roles.</summary>
    private static IEnumerable<RoleOption> Offered(CompiledOrganization organization, Guid? target, AccessLayout layout)
    {
        var where = target is null ? GrantTargets.Organization : GrantTargets.Scope;
        var system = organization.Model.Roles.Where(r => r.GrantableAt.HasFlag(where)).Select(r => new RoleOption(r.Key, r.Name));
        var custom = organization.Roles.Where(r => r.Kind == RoleKind.Custom && r.GrantableAt.HasFlag(where))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => new RoleOption(r.Key, r.Name));
        var options = system.Concat(custom);
        return layout == AccessLayout.OneRole && organization.Model.Policies.InlineRoles ? options.Append(new RoleOption(CustomKey, "Custom")) : options;
    }

    /// <summary>True when the key names a one-off role.</summary>
    public static bool IsInline(CompiledOrganization organization, string roleKey) => organization.FindRole(roleKey)?.Kind == RoleKind.Inline;

    /// <summary>
    /// The policy's sentence for the change this row would make: taking the member's grants there away, or adding a role
    /// there (replacing their one role where the model allows only one).
    /// </summary>
    private static string WhyNot(OpenedOrganization opened, CompiledMember member, Guid? target, IReadOnlyList<RoleOption> roles)
    {
        var organization = opened.Organization;
        var current = member.Grants.Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToList();
        var oneRole = organization.Model.Policies.OneRolePerMember;
        var candidates = new List<List<GrantSpec>>();
        if (current.Any(g => g.ScopeId == target) && !oneRole)
        {
            candidates.Add([.. current.Where(g => g.ScopeId != target)]);
        }
        foreach (var role in roles.Where(r => r.Key != CustomKey && current.All(g => g != new GrantSpec(r.Key, target))))
        {
            candidates.Add(oneRole ? [new GrantSpec(role.Key, target)] : [.. current, new GrantSpec(role.Key, target)]);
        }
        var refusals = candidates
            .Select(wanted => ReplaceAccess.Evaluate(organization, opened.Policy, new ReplaceAccessRequest(member.Entry.MemberId, wanted, member.Entry.HasFullAccess)))
            .Where(d => !d.IsAllowed)
            .ToList();
        return refusals.FirstOrDefault()?.Error?.Message ?? Fallback(organization, organization.DescribeTarget(target));
    }

    /// <summary>Only when the capabilities and the policy disagree, which they should not: a sentence rather than nothing.</summary>
    private static string Fallback(CompiledOrganization organization, string what) =>
        $"You cannot change this part of the access ({what}); ask an owner of the {organization.Model.OrganizationLabel}.";
}
