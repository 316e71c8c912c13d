using System.Collections.Frozen;

namespace Gatehouse.Core.Model.Loading;

/// <summary>The access models shipped inside Gatehouse.Core (the repository's <c>presets/*.yaml</c>).</summary>
public static class AccessModelPresets
{
    private const string ResourcePrefix = "Gatehouse.Presets.";
    private const string ResourceSuffix = ".yaml";

    // Presets are immutable once loaded, so each is parsed at most once per process.
    private static readonly FrozenDictionary<string, Lazy<AccessModelLoadResult>> Loaded = typeof(AccessModelPresets).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        .ToFrozenDictionary(n => n[ResourcePrefix.Length..^ResourceSuffix.Length], n => new Lazy<AccessModelLoadResult>(() => Read(n)), StringComparer.Ordinal);

    /// <summary>The preset names, sorted: <c>default</c>, <c>facilities</c>, <c>micromobility</c>, <c>workshops</c>, <c>workspaces</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Loaded.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Loads a preset by name; an unknown name fails with <see cref="ModelErrorCodes.UnknownPreset"/> listing the known ones.</summary>
    public static AccessModelLoadResult Load(string name) =>
        Loaded.TryGetValue(name, out var preset)
            ? preset.Value
            : AccessModelLoadResult.Fail([ModelError.Whole(ModelErrorCodes.UnknownPreset,
                $"There is no access model preset '{name}'; choose one of: {string.Join(", ", Names)}.")]);

    /// <summary>Loads a preset the caller names in code; throws because an unknown or broken shipped preset is a bug, not input.</summary>
    public static AccessModel Require(string name) =>
        Load(name) is { Succeeded: true } result
            ? result.Model
            : throw new InvalidOperationException(string.Join(Environment.NewLine, Load(name).Errors.Select(e => e.Message)));

    private static AccessModelLoadResult Read(string resource)
    {
        using var stream = typeof(AccessModelPresets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded preset '{resource}' vanished from the assembly.");
        using var text = new StreamReader(stream);
        return AccessModelLoader.LoadText(text.ReadToEnd(), resource[ResourcePrefix.Length..]);
    }
}
