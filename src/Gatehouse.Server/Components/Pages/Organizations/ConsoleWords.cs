using Gatehouse.Core.Model;

namespace Gatehouse.Server.Components.Pages.Organizations;

/// <summary>The console's labels in the access model's own words ("workshop", "organisation", "Manager rights").</summary>
/// <param name="Organization">The word for an organization, lower case ("organisation", "account", "workspace").</param>
/// <param name="Scope">The word for one scope, lower case ("workshop"); null when the model has no scopes.</param>
/// <param name="Scopes">The word for several scopes, lower case ("workshops").</param>
public sealed record ConsoleWords(string Organization, string? Scope, string? Scopes)
{
    /// <summary>The words of a model.</summary>
    public static ConsoleWords Of(AccessModel model) => new(model.OrganizationLabel, model.Scopes?.Singular, model.Scopes?.Plural);

    /// <summary>The word with its first letter in upper case ("Workshop").</summary>
    public static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
