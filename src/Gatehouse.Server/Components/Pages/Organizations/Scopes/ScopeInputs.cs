namespace Gatehouse.Server.Components.Pages.Organizations.Scopes;

/// <summary>The form adding a scope.</summary>
public sealed class NewScopeInput
{
    /// <summary>The new scope's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The parent scope's id, or empty for the top level.</summary>
    public string? ParentId { get; set; }
}

/// <summary>The forms renaming, moving and deleting one scope.</summary>
public sealed class ScopeChangeInput
{
    /// <summary>The new name (renaming).</summary>
    public string? Name { get; set; }

    /// <summary>The new parent's id, or empty for the top level (moving).</summary>
    public string? ParentId { get; set; }
}

/// <summary>A place a scope may be created in or moved to.</summary>
/// <param name="Id">The parent scope; null for the top level.</param>
/// <param name="Label">Its path as shown ("Berlin › Mitte").</param>
public sealed record ScopeTarget(Guid? Id, string Label)
{
    /// <summary>The form value of the target: its id, or empty for the top level.</summary>
    public string Value => Id?.ToString() ?? string.Empty;

    /// <summary>The parent a posted form value names; null for the top level or an unreadable value.</summary>
    public static Guid? Parse(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
