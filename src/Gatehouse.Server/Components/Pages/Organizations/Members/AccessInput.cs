using Gatehouse.Application.Members;
using System.Globalization;
using Gatehouse.Server.Api;
using Gatehouse.Application.Grants;

namespace Gatehouse.Server.Components.Pages.Organizations.Members;

/// <summary>What the access editor says about one target: checked or not, the role chosen, the groups ticked.</summary>
public sealed class TargetChoice
{
    /// <summary>The check mark ("Access to Berlin").</summary>
    public bool Checked { get; set; }

    /// <summary>The role chosen in the row's select.</summary>
    public string? Role { get; set; }

    /// <summary>The groups ticked in the row.</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);
}

/// <summary>The member's one-off Custom role as it is now: its key and permissions.</summary>
public sealed record CurrentCustom(string Key, IReadOnlySet<string> Permissions);

/// <summary>
/// The access editor's form: read from the member for the first view, or from the posted form. Rows the viewer may not
/// change are never read from the form: their grants are sent back as the member holds them, so a Save is judged only
/// on what the viewer changed (and a tampered disabled row changes nothing).
/// </summary>
public sealed class AccessInput
{
    /// <summary>The member's access version when the form was shown.</summary>
    public int? Version { get; set; }

    /// <summary>The full-access check box.</summary>
    public bool FullAccess { get; set; }

    /// <summary>The choice per row, by <see cref="TargetRow.Key"/>.</summary>
    public Dictionary<string, TargetChoice> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>The Custom role's level per category index.</summary>
    public Dictionary<int, string> Levels { get; } = [];

    /// <summary>The choice of a row (an empty one when the row is new).</summary>
    public TargetChoice At(TargetRow row) => Targets.TryGetValue(row.Key, out var choice) ? choice : new TargetChoice();

    /// <summary>The form for the member as they are.</summary>
    public static AccessInput From(MemberDto member, MemberAccessView view, IReadOnlyList<InlineCategory> categories,
        CurrentCustom? custom, IReadOnlySet<string> currentPermissions)
    {
        var input = new AccessInput { Version = member.Version, FullAccess = member.FullAccess };
        foreach (var row in view.Rows)
        {
            var choice = new TargetChoice { Checked = row.Held.Count > 0 };
            choice.Role = custom is not null && row.Held.Contains(custom.Key) && view.Layout == AccessLayout.OneRole ? MemberAccessView.CustomKey
                : row.Held.FirstOrDefault(k => row.Roles.Any(r => r.Key == k))
                ?? row.Roles.LastOrDefault(r => r.Key != MemberAccessView.CustomKey)?.Key;
            choice.Groups.UnionWith(row.Held);
            input.Targets[row.Key] = choice;
        }
        foreach (var category in categories)
        {
            input.Levels[category.Index] = InlineLevels.LevelOf(category, currentPermissions);
        }
        return input;
    }

    /// <summary>The form as posted; rows the viewer may not change keep the member's grants.</summary>
    public static AccessInput Read(IFormCollection form, MemberAccessView view, IReadOnlyList<InlineCategory> categories, MemberDto member)
    {
        var input = new AccessInput
        {
            Version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
            FullAccess = member.Capabilities.ChangeFullAccess ? form["fullAccess"] == "true" : member.FullAccess,
        };
        foreach (var row in view.Rows)
        {
            var choice = new TargetChoice();
            if (row.Editable)
            {
                choice.Checked = form[$"access.{row.Key}"] == "true";
                choice.Role = form[$"role.{row.Key}"].FirstOrDefault();
                choice.Groups.UnionWith(form[$"group.{row.Key}"].OfType<string>());
            }
            else
            {
                choice.Checked = row.Held.Count > 0;
                choice.Role = row.Held.Count > 0 ? row.Held[0] : null;
                choice.Groups.UnionWith(row.Held);
            }
            input.Targets[row.Key] = choice;
        }
        foreach (var category in categories)
        {
            input.Levels[category.Index] = form[$"level.{category.Index}"].FirstOrDefault() ?? InlineLevels.None;
        }
        return input;
    }

    /// <summary>The Custom role's permissions as the levels give them.</summary>
    public List<string> CustomPermissions(IReadOnlyList<InlineCategory> categories) =>
        [.. categories.SelectMany(c => InlineLevels.PermissionsOf(c, Levels.GetValueOrDefault(c.Index)))];

    /// <summary>
    /// True when this save makes a member with access per scope an organization-wide one ("change a workshop user to an
    /// organisational user", seed 001): the organization's row is ticked now and held nothing before. That change of
    /// user type replaces their access per scope with the organization-wide role, rather than adding to it; rows the
    /// viewer may not change keep what the member holds there.
    /// </summary>
    public bool BecomesOrganizationWide(MemberAccessView view) =>
        view.Layout == AccessLayout.RolePerTarget
        && view.Rows.FirstOrDefault(r => r.ScopeId is null) is { Editable: true, Held.Count: 0 } row
        && At(row).Checked
        && view.Rows.Any(r => r.ScopeId is not null && r.Held.Count > 0);

    /// <summary>
    /// The replacement of the member's access (as <c>PUT …/access</c> sends it): every grant the member should hold. Custom
    /// with the permissions the member's one-off role already has keeps that role rather than making a new one.
    /// </summary>
    public ReplaceMemberAccessCommand Command(Guid organizationId, Guid memberId, MemberAccessView view, IReadOnlyList<InlineCategory> categories, CurrentCustom? custom)
    {
        var grants = new List<GrantRequest>();
        InlineRoleRequest? inline = null;
        var replacesScopes = BecomesOrganizationWide(view);
        foreach (var row in view.Rows)
        {
            if (!row.Editable)
            {
                grants.AddRange(row.Held.Select(k => new GrantRequest(k, row.ScopeId)));
                continue;
            }
            if (replacesScopes && row.ScopeId is not null)
            {
                continue;
            }
            var choice = At(row);
            var offered = row.Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            switch (view.Layout)
            {
                case AccessLayout.Groups:
                    grants.AddRange(choice.Groups.Where(offered.Contains).Order(StringComparer.Ordinal).Select(k => new GrantRequest(k, row.ScopeId)));
                    break;
                case AccessLayout.OneRole when choice.Role == MemberAccessView.CustomKey && offered.Contains(MemberAccessView.CustomKey):
                    var permissions = CustomPermissions(categories);
                    if (custom is not null && custom.Permissions.SetEquals(permissions))
                    {
                        grants.Add(new GrantRequest(custom.Key, row.ScopeId));
                    }
                    else
                    {
                        grants.Add(new GrantRequest(GrantRequest.InlineRoleKey, row.ScopeId));
                        inline = new InlineRoleRequest("Custom", permissions);
                    }
                    break;
                case AccessLayout.OneRole:
                    if (choice.Role is { } role && offered.Contains(role))
                    {
                        grants.Add(new GrantRequest(role, row.ScopeId));
                    }
                    break;
                default:
                    if (choice.Checked && choice.Role is { } picked && offered.Contains(picked))
                    {
                        grants.Add(new GrantRequest(picked, row.ScopeId));
                    }
                    break;
            }
        }
        grants.AddRange(view.Hidden.Select(g => new GrantRequest(g.RoleKey, g.ScopeId)));
        return new ReplaceMemberAccessCommand(organizationId, memberId, Version, grants, FullAccess, inline);
    }
}
