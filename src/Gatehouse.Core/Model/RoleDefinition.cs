namespace Gatehouse.Core.Model;

/// <summary>Where a role may be granted.</summary>
[Flags]
public enum GrantTargets
{
    /// <summary>Nowhere (never valid for a role; used while loading).</summary>
    None = 0,

    /// <summary>On the organization itself (organization-wide).</summary>
    Organization = 1,

    /// <summary>On a scope (workshop, project, facility).</summary>
    Scope = 2,

    /// <summary>On the organization or on a scope.</summary>
    Anywhere = Organization | Scope,
}

/// <summary>A system role shipped by the access model.</summary>
/// <param name="Key">Stable key used by grants (for example <c>manager</c>).</param>
/// <param name="Name">Name shown to people (for example "Manager rights").</param>
/// <param name="Description">One sentence shown next to the role.</param>
/// <param name="Permissions">Codenames the role holds.</param>
/// <param name="GrantableAt">Where the role may be granted.</param>
public sealed record RoleDefinition(
    string Key,
    string Name,
    string Description,
    IReadOnlyList<string> Permissions,
    GrantTargets GrantableAt)
{
    /// <summary>
    /// Only owners and platform operators change the access of a member holding this role, deactivate or remove
    /// them (seed 004: "A Workspace admin user cannot be edited"); others may still give the role within their own access.
    /// </summary>
    public bool Protected { get; init; }
}
