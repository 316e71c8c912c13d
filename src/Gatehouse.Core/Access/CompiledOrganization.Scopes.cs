namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>True when the scope belongs to this organization.</summary>
    public bool HasScope(Guid scopeId) => _scopeChains.TryGetValue(scopeId, out _);

    /// <summary>Finds a scope.</summary>
    public ScopeEntry? FindScope(Guid scopeId) => _scopeChains.TryGetValue(scopeId, out var chain) ? _scopes[ScopeAncestry.ScopeOf(_data, chain)] : null;

    /// <summary>The scope and its ancestors, nearest first; empty for an unknown scope.</summary>
    public IEnumerable<ScopeEntry> SelfAndAncestors(Guid scopeId) =>
        _scopeChains.TryGetValue(scopeId, out var chain) ? ScopeAncestry.Chain(_data, chain).ToArray().Select(a => _scopes[a]) : [];

    /// <summary>The scope and every scope under it.</summary>
    public IEnumerable<ScopeEntry> SelfAndDescendants(Guid scopeId) =>
        _scopeChains.TryGetValue(scopeId, out var chain)
            ? _scopes.Where((_, i) => ScopeAncestry.Chain(_data, ScopeAncestry.ChainOf(_data, i)).Contains(ScopeAncestry.ScopeOf(_data, chain)))
            : [];

    /// <summary>A person-readable name for a target: "workshop Berlin" or "the organization".</summary>
    public string DescribeTarget(Guid? scopeId) =>
        scopeId is { } id && FindScope(id) is { } scope
            ? $"{Model.Scopes?.Singular ?? "scope"} {scope.Name}"
            : $"the {Model.OrganizationLabel}";
}
