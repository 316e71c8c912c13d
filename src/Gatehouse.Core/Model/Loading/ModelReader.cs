using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads typed values out of YAML nodes and collects every problem instead of stopping at the first.</summary>
internal sealed class ModelReader(string source)
{
    private readonly List<ModelError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<ModelError> Errors => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    public void Report(Location where, string code, string problem) => _errors.Add(ModelError.At(source, where, code, problem));

    public void Report(YamlNode node, string path, string code, string problem) => Report(Location.Of(node, path), code, problem);

    /// <summary>A mapping whose keys must all be in <paramref name="keys"/>; unknown keys are reported, with a suggestion.</summary>
    public MappingFields? Mapping(YamlNode node, string path, IReadOnlyList<string> keys, string what)
    {
        if (MappingNode(node, path, what) is not { } mapping)
        {
            return null;
        }
        foreach (var key in mapping.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && !keys.Contains(name))
            {
                var hint = KeySuggestion.Closest(name, keys) is { } near ? $"did you mean '{near}'?" : $"known keys: {string.Join(", ", keys)}.";
                Report(key, Location.Child(path, name), ModelErrorCodes.UnknownKey, $"unknown key '{name}' in {what}; {hint}");
            }
        }
        return new MappingFields(this, mapping, path);
    }

    /// <summary>A mapping with free keys (such as roles by key); non-text keys are reported.</summary>
    public YamlMappingNode? MappingNode(YamlNode node, string path, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            Report(node, path, ModelErrorCodes.WrongType, $"{what} must be a mapping of keys to values, not {Describe(node)}.");
            return null;
        }
        foreach (var key in mapping.Children.Keys.Where(k => k is not YamlScalarNode))
        {
            Report(key, path, ModelErrorCodes.WrongType, $"keys in {what} must be plain text, not {Describe(key)}.");
        }
        return mapping;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }
        Report(node, path, ModelErrorCodes.WrongType, $"{what} must be a list (lines starting with '- '), not {Describe(node)}.");
        return null;
    }

    /// <summary>Non-empty text, or null after reporting why not.</summary>
    public string? Text(YamlNode node, string path, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Report(node, path, ModelErrorCodes.WrongType, $"{what} must be text, not {Describe(node)}.");
            return null;
        }
        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Report(node, path, ModelErrorCodes.EmptyValue, $"{what} is empty; give it a value.");
            return null;
        }
        return scalar.Value!.Trim();
    }

    public bool? Bool(YamlNode node, string path, string what)
    {
        // YAML 1.2 core schema booleans only: "yes"/"on" are YAML 1.1 and read differently by other tools.
        var value = (node as YamlScalarNode)?.Value;
        switch (value)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Report(node, path, ModelErrorCodes.WrongType, $"{what} must be true or false, not {Describe(node)}.");
                return null;
        }
    }

    /// <summary>True for an absent value written as nothing, <c>~</c> or <c>null</c> (unquoted).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
