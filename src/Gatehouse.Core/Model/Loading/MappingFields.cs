using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>The keys of one YAML mapping, read as required or optional values of a known type.</summary>
internal sealed class MappingFields(ModelReader reader, YamlMappingNode node, string path)
{
    public string Path => path;

    public Location Where => Location.Of(node, path);

    public string PathOf(string key) => Location.Child(path, key);

    /// <summary>The value under a key, or null when the key is absent or its value is written as nothing.</summary>
    public YamlNode? Optional(string key) => Find(key) is { } value && !ModelReader.IsNull(value) ? value : null;

    public YamlNode? Required(string key)
    {
        if (Find(key) is not { } value)
        {
            reader.Report(Where, ModelErrorCodes.MissingKey, $"missing required key '{key}'.");
            return null;
        }
        if (ModelReader.IsNull(value))
        {
            reader.Report(value, PathOf(key), ModelErrorCodes.EmptyValue, $"'{key}' is empty; give it a value.");
            return null;
        }
        return value;
    }

    public string? RequiredText(string key) => Required(key) is { } value ? reader.Text(value, PathOf(key), $"'{key}'") : null;

    public string OptionalText(string key, string fallback) =>
        Optional(key) is { } value ? reader.Text(value, PathOf(key), $"'{key}'") ?? fallback : fallback;

    public bool OptionalBool(string key, bool fallback) =>
        Optional(key) is { } value ? reader.Bool(value, PathOf(key), $"'{key}'") ?? fallback : fallback;

    // Looked up by text rather than by node equality, which in YamlDotNet also compares tags.
    private YamlNode? Find(string key) =>
        node.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var name } && name == key).Value;

    /// <summary>A required list, or null after reporting why not.</summary>
    public YamlSequenceNode? RequiredList(string key) =>
        Required(key) is { } value ? reader.Sequence(value, PathOf(key), $"'{key}'") : null;
}
