using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Access;

/// <summary>A role (system, custom or inline) with its permissions compiled to a bitset.</summary>
/// <param name="Key">The key grants use.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">System, custom or inline.</param>
/// <param name="Permissions">The role's permissions.</param>
/// <param name="GrantableAt">Where the role may be granted (organization roles may be granted anywhere).</param>
public sealed record CompiledRole(string Key, string Name, RoleKind Kind, PermissionSet Permissions, GrantTargets GrantableAt);
