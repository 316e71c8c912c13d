using System.Text;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>One random question: a user index (members, then a stranger), a bit (possibly outside the catalog), a target, an owner.</summary>
public readonly record struct GeneratedQuery(Guid UserId, int Permission, Guid? ScopeId, Guid? OwnerUserId);

/// <summary>A random catalog and system roles with one organization of it, another organization before and after a change, and queries.</summary>
public sealed record GeneratedOrganization(
    string[] Codes,
    RoleDefinition[] SystemRoles,
    OrganizationSnapshot Organization,
    OrganizationSnapshot Other,
    OrganizationSnapshot OtherChanged,
    GeneratedQuery[] Queries)
{
    /// <summary>Which codes imply which (never in a circle); empty for a catalog without implications.</summary>
    public IReadOnlyDictionary<string, string[]> Implies { get; init; } = new Dictionary<string, string[]>();

    public AccessModel CreateModel() =>
        new("generated", "Property tests.", new ScopeKind("scope", "scopes"),
            new PermissionCatalog(Codes.Select(c => new Permission(c, "c", c) { Implies = Implies.GetValueOrDefault(c) ?? [] })), SystemRoles, AccessPolicies.Default);

    /// <summary>A readable counterexample: FsCheck prints this when a property fails.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"catalog ({Codes.Length}): {string.Join(' ', Codes)}");
        foreach (var (code, implied) in Implies)
        {
            text.AppendLine($"{code} implies {string.Join(' ', implied)}");
        }
        foreach (var role in SystemRoles)
        {
            text.AppendLine($"system role {role.Key}: {string.Join(' ', role.Permissions)}");
        }
        Describe(text, Organization);
        foreach (var q in Queries)
        {
            text.AppendLine($"query user {q.UserId} bit {q.Permission} scope {q.ScopeId?.ToString() ?? "org"} owner {q.OwnerUserId?.ToString() ?? "-"}");
        }
        return text.ToString();
    }

    private static void Describe(StringBuilder text, OrganizationSnapshot organization)
    {
        text.AppendLine($"organization {organization.OrganizationId}");
        foreach (var s in organization.Scopes)
        {
            text.AppendLine($"  scope {s.Id} parent {s.ParentId?.ToString() ?? "-"}");
        }
        foreach (var r in organization.Roles)
        {
            text.AppendLine($"  role {r.Key}: {string.Join(' ', r.Permissions)}");
        }
        foreach (var m in organization.Members)
        {
            text.AppendLine($"  member {m.MemberId} user {m.UserId} {m.Status} full {m.HasFullAccess} owner {m.IsOwner} lockout {m.LockoutEnd}");
        }
        foreach (var g in organization.Grants)
        {
            text.AppendLine($"  grant {g.MemberId} {g.RoleKey} on {g.ScopeId?.ToString() ?? "org"}");
        }
    }
}
