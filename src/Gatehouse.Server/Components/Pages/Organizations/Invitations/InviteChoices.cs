using Gatehouse.Application;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Api;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Grants;

namespace Gatehouse.Server.Components.Pages.Organizations.Invitations;

/// <summary>The permissions of one category a Custom role can give: view only, or all of them (edit).</summary>
/// <param name="Label">The category's label ("Assets Management").</param>
/// <param name="View">Its view permissions.</param>
/// <param name="Edit">All its permissions offered to Custom roles.</param>
public sealed record CustomCategory(string Label, IReadOnlyList<string> View, IReadOnlyList<string> Edit);

/// <summary>What the invite form offers, in the access model's terms, and the API request it becomes.</summary>
public static class InviteChoices
{
    /// <summary>The place key of the whole organization.</summary>
    public const string OrganizationWide = "organization";

    /// <summary>The role key of the Custom (inline) role in the form.</summary>
    public const string CustomRole = "custom";

    /// <summary>A Custom role level: nothing in the category.</summary>
    public const string NoAccess = "none";

    /// <summary>A Custom role level: view only.</summary>
    public const string ViewAccess = "view";

    /// <summary>A Custom role level: view and edit.</summary>
    public const string EditAccess = "edit";

    /// <summary>The name the API stores for a Custom role.</summary>
    public const string CustomRoleName = "Custom";

    /// <summary>The roles one may offer: the model's system roles in its order, then the organization's own roles by name; never one-off roles.</summary>
    public static IReadOnlyList<CompiledRole> Roles(CompiledOrganization organization) =>
        [.. organization.Model.Roles.Select(r => organization.FindRole(r.Key)).OfType<CompiledRole>(),
         .. organization.Roles.Where(r => r.Kind == RoleKind.Custom).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The categories a Custom role is made of (empty when the model has no Custom roles).</summary>
    public static IReadOnlyList<CustomCategory> CustomCategories(AccessModel model) =>
        !model.Policies.InlineRoles ? []
        : [.. model.Catalog.All.Where(p => model.InlineRolePermissions.Contains(p.Code)).GroupBy(p => p.Category)
            .Select(g => new CustomCategory(g.Key, [.. g.Where(p => p.Action == "view").Select(p => p.Code)], [.. g.Select(p => p.Code)]))];

    /// <summary>The addresses typed, one per line or separated by commas or semicolons.</summary>
    public static IReadOnlyList<string> SplitEmails(string? text) =>
        (text ?? string.Empty).Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A name or phone only goes with a single invitee; null when the input is fine.</summary>
    public static Failure? PersonDetailsRefusal(InviteInput input, int emailCount)
    {
        if (emailCount <= 1 || new[] { input.FirstName, input.LastName, input.Phone }.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }
        const string Message = "A name and phone belong to one person: invite one person at a time with them, or leave them empty.";
        return Failure.Invalid("invitees[0].firstName", ProblemCodes.ValidationFailed, Message);
    }

    /// <summary>The API's request: every invitee gets every chosen role at every chosen place.</summary>
    public static CreateInvitationsRequest Request(InviteInput input, AccessModel model, IReadOnlyList<string> emails)
    {
        var one = emails.Count == 1;
        var invitees = emails.Select(e => new InviteeRequest(e,
            one ? Blank(input.FirstName) : null, one ? Blank(input.LastName) : null, one ? Blank(input.Phone) : null)).ToList();
        List<string> roles = model.Policies.CustomRoles
            ? [.. input.Groups.Where(g => g.Selected).Select(g => g.Key)]
            : string.IsNullOrEmpty(input.Role) ? [] : [input.Role == CustomRole ? GrantRequest.InlineRoleKey : input.Role];
        List<(Guid? Place, string? Role)> places = model.Scopes is null
            ? [(null, null)]
            : [.. input.Places.Where(p => p.Selected).Select(p => (p.Key == OrganizationWide ? null : Guid.TryParse(p.Key, out var id) ? id : (Guid?)Guid.Empty, RoleOf(p, model)))];
        // A place with a role of its own gets that role; the others every role chosen above.
        var grants = places.SelectMany(p => (p.Role is { } own ? [own] : roles).Select(r => new GrantRequest(r, p.Place))).ToList();
        var inline = input.Role == CustomRole && !model.Policies.CustomRoles ? new InlineRoleRequest(CustomRoleName, CustomPermissions(input, model)) : null;
        return new CreateInvitationsRequest(null, invitees, grants, input.FullAccess, inline);
    }

    /// <summary>True when the form offers a role per place: one role per invitation, places to choose, no permission groups.</summary>
    public static bool RolePerPlace(AccessModel model) => model.Scopes is not null && !model.Policies.CustomRoles && !model.Policies.OneRolePerMember;

    private static string? RoleOf(InviteChoice place, AccessModel model) =>
        RolePerPlace(model) && !string.IsNullOrEmpty(place.Role) ? place.Role : null;

    private static List<string> CustomPermissions(InviteInput input, AccessModel model) =>
        [.. CustomCategories(model).SelectMany(c => input.Custom.FirstOrDefault(l => l.Category == c.Label)?.Level switch
        {
            ViewAccess => c.View,
            EditAccess => c.Edit,
            _ => [],
        })];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
