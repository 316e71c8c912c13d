namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>True when the scope belongs to this organization.</summary>
    public bool HasScope(Guid scopeId) => _scopeLookup.Find(scopeId) > 0;

    /// <summary>Finds a scope.</summary>
    public ScopeEntry? FindScope(Guid scopeId) => _scopes.EntryAt(_scopeLookup.Find(scopeId));

    /// <summary>The scope and its ancestors, nearest first; empty for an unknown scope.</summary>
    public IEnumerable<ScopeEntry> SelfAndAncestors(Guid scopeId) =>
        _scopes.ChainOf(_scopeLookup.Find(scopeId)).Select(p => _scopes.EntryAt(p)!);

    /// <summary>The scope and every scope under it, in the order of <see cref="Scopes"/>.</summary>
    public IEnumerable<ScopeEntry> SelfAndDescendants(Guid scopeId)
    {
        var reach = new int[_scopes.PlaceCount];
        var count = _scopes.ReachOf(_scopeLookup.Find(scopeId), reach);
        return reach.AsSpan(0, count).ToArray().Order().Select(p => _scopes.EntryAt(p)!);
    }

    /// <summary>A person-readable name for a target: "workshop Berlin" or "the organization".</summary>
    public string DescribeTarget(Guid? scopeId) =>
        scopeId is { } id && FindScope(id) is { } scope
            ? $"{Model.Scopes?.Singular ?? "scope"} {scope.Name}"
            : $"the {Model.OrganizationLabel}";
}
