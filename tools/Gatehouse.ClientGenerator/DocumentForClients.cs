using System.Text.Json.Nodes;

namespace Gatehouse.ClientGenerator;

/// <summary>
/// The served document, shaped so the generated client is the same on every server: the development mailbox (described
/// only while no SMTP server is configured), the schemas only it used and the server's own address are left out, and
/// the schemas are made plain for a generator (<see cref="SchemaShapes"/>).
/// </summary>
public static class DocumentForClients
{
    private const string DevMailboxTag = "Dev mailbox";

    /// <summary>The document's JSON as the generator reads it.</summary>
    public static string Prepare(string openApiJson)
    {
        var document = JsonNode.Parse(openApiJson)!.AsObject();
        document.Remove("servers");
        RemoveDevMailbox(document);
        SchemaShapes.NameParameterEnums(document);
        SchemaShapes.Simplify(document);
        RemoveUnusedSchemas(document);
        return document.ToJsonString();
    }

    private static void RemoveDevMailbox(JsonObject document)
    {
        var paths = document["paths"]!.AsObject();
        foreach (var (path, item) in paths.ToList())
        {
            var operations = item!.AsObject();
            foreach (var (method, operation) in operations.ToList())
            {
                if (operation?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == DevMailboxTag))
                {
                    operations.Remove(method);
                }
            }
            if (!operations.Any(o => o.Value is JsonObject op && op.ContainsKey("responses")))
            {
                paths.Remove(path);
            }
        }
        if (document["tags"] is JsonArray documentTags)
        {
            foreach (var tag in documentTags.Where(t => t?["name"]?.GetValue<string>() == DevMailboxTag).ToList())
            {
                documentTags.Remove(tag);
            }
        }
    }

    /// <summary>Drops the component schemas no path reaches (those of the development mailbox).</summary>
    private static void RemoveUnusedSchemas(JsonObject document)
    {
        if (document["components"]?["schemas"] is not JsonObject schemas)
        {
            return;
        }
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>([document["paths"]]);
        while (pending.TryPop(out var node))
        {
            foreach (var name in References(node))
            {
                if (reached.Add(name))
                {
                    pending.Push(schemas[name]);
                }
            }
        }
        foreach (var name in schemas.Select(s => s.Key).Where(name => !reached.Contains(name)).ToList())
        {
            schemas.Remove(name);
        }
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject item => item.SelectMany(p => p.Key == "$ref" && p.Value?.GetValue<string>() is { } target && target.StartsWith(SchemaShapes.SchemaPrefix, StringComparison.Ordinal)
            ? [target[SchemaShapes.SchemaPrefix.Length..]]
            : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
