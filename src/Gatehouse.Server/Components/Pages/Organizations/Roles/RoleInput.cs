namespace Gatehouse.Server.Components.Pages.Organizations.Roles;

/// <summary>The role form as posted: a name and one entry per matrix cell.</summary>
public sealed class RoleInput
{
    /// <summary>The role's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The role's version as read, so a change made meanwhile by someone else is refused rather than overwritten.</summary>
    public int? Version { get; set; }

    /// <summary>Every cell of the matrix.</summary>
    public List<RoleCell> Cells { get; set; } = [];

    /// <summary>The codenames ticked, in the matrix's order.</summary>
    public List<string> Granted() => [.. Cells.Where(c => c.Granted && !string.IsNullOrEmpty(c.Code)).Select(c => c.Code)];
}

/// <summary>One cell of the matrix as posted.</summary>
public sealed class RoleCell
{
    /// <summary>The permission's codename.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>True when ticked.</summary>
    public bool Granted { get; set; }
}
