namespace Gatehouse.Core.Model;

/// <summary>The product's word for the roles an organization makes itself ("permission group"), used in labels.</summary>
/// <param name="Singular">For example "permission group".</param>
/// <param name="Plural">For example "permission groups".</param>
public sealed record CustomRoleLabel(string Singular, string Plural)
{
    /// <summary>The words used when the model does not name custom roles.</summary>
    public static CustomRoleLabel Default { get; } = new("custom role", "custom roles");
}
