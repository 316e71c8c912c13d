using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Parses a model file into YAML nodes that know their line and column, or says where the YAML is broken.</summary>
internal static class YamlText
{
    public static (YamlNode? Root, ModelError? Error) Parse(string text, string source)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var parser = new PathTrackingParser(new Parser(scanner));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (AnchorNotFoundException e) when (parser.UnknownAlias is { } alias)
        {
            return (null, BrokenAt(source, alias.Start, alias.Path, e.Message));
        }
        catch (YamlException e)
        {
            return (null, BrokenAt(source, e.Start, parser.Path, e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this instead of a YamlException on an unterminated flow
            // collection ("a: [1, 2"); the opening bracket is the place to fix.
            return (null, BrokenAt(source, parser.InnermostOpening ?? scanner.CurrentPosition, parser.Path, "a '[' or '{' opened here is never closed"));
        }
        if (stream.Documents.Count != 1 || ModelReader.IsNull(stream.Documents[0].RootNode))
        {
            var problem = stream.Documents.Count > 1
                ? $"holds {stream.Documents.Count} YAML documents (separated by '---'); an access model is exactly one."
                : "is empty; an access model needs at least name, categories and roles.";
            return (null, ModelError.At(source, new Location(1, 1, ""), ModelErrorCodes.NotOneDocument, $"the file {problem}"));
        }
        return (stream.Documents[0].RootNode, null);
    }

    private static ModelError BrokenAt(string source, Mark mark, string path, string message)
    {
        var where = new Location((int)mark.Line, (int)mark.Column, path);
        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            var key = path[(path.LastIndexOf('.') + 1)..];
            var problem = path == $"roles.{key}"
                ? $"role '{key}' is defined twice; give each role its own key."
                : $"key '{key}' appears twice in the same mapping; keep one.";
            return ModelError.At(source, where, ModelErrorCodes.DuplicateKey, problem);
        }
        var sentence = message.Length == 0 ? "unreadable" : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
        // YAML reads a leading '*' as an alias, so an unquoted wildcard is the usual cause.
        var hint = message.Contains("alias", StringComparison.Ordinal) || message.Contains("anchor", StringComparison.Ordinal) ? "; a wildcard starting with '*' must be quoted, as in \"*\" or \"*.view\"" : "";
        return ModelError.At(source, where, ModelErrorCodes.MalformedYaml, $"the file is not valid YAML: {sentence}{hint}.");
    }
}
