namespace Gatehouse.Core.Management;

/// <summary>A one-off set of permissions proposed for one member (micromobility's "Custom"); grants name it by <paramref name="Key"/>.</summary>
/// <param name="Key">The key the new role will have (<see cref="Roles.Role.KeyFor"/> of the role about to be stored).</param>
/// <param name="Name">Display name, such as "Custom".</param>
/// <param name="Permissions">Permission codenames.</param>
public sealed record InlineRole(string Key, string Name, IReadOnlyList<string> Permissions);
