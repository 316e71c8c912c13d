namespace Gatehouse.Core.Model;

/// <summary>The product's word for a scope, used in labels and messages.</summary>
/// <param name="Singular">For example "workshop".</param>
/// <param name="Plural">For example "workshops".</param>
public sealed record ScopeKind(string Singular, string Plural);
