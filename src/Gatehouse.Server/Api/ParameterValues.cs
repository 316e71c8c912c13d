namespace Gatehouse.Server.Api;

/// <summary>
/// The values a string query parameter accepts, for the API description. The use case still checks the value
/// itself (and answers 400 with its own code); this only lets a generator offer an enum.
/// </summary>
/// <param name="Name">The query parameter's name as the caller spells it.</param>
/// <param name="Values">The accepted values.</param>
public sealed record ParameterValues(string Name, IReadOnlyList<string> Values);

/// <summary>Declares <see cref="ParameterValues"/> on an endpoint.</summary>
public static class ParameterValuesExtensions
{
    /// <summary>Lists the values <paramref name="name"/> accepts in the API description.</summary>
    public static RouteHandlerBuilder WithParameterValues(this RouteHandlerBuilder builder, string name, IReadOnlyList<string> values) =>
        builder.WithMetadata(new ParameterValues(name, values));
}
