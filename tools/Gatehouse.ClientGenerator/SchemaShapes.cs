using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.ClientGenerator;

/// <summary>
/// What the generator needs said plainly that ASP.NET Core's document leaves implied. None of it changes what goes over
/// the wire: it only decides the C# types of the client.
/// </summary>
public static class SchemaShapes
{
    /// <summary>How a reference to a component schema starts.</summary>
    public const string SchemaPrefix = "#/components/schemas/";

    /// <summary>
    /// Gives each query parameter's list of values a schema of its own, named for the operation and the parameter
    /// (<c>ListMembersSort</c>), instead of the generator's <c>Status2</c>, <c>Status3</c>.
    /// </summary>
    public static void NameParameterEnums(JsonObject document)
    {
        var components = document["components"] as JsonObject ?? [];
        document["components"] = components;
        var schemas = components["schemas"] as JsonObject ?? [];
        components["schemas"] = schemas;
        foreach (var (_, item) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                if (operation?["operationId"]?.GetValue<string>() is not { } operationId || operation["parameters"] is not JsonArray parameters)
                {
                    continue;
                }
                foreach (var parameter in parameters.OfType<JsonObject>())
                {
                    if (parameter["schema"] is JsonObject { } schema && schema.ContainsKey("enum"))
                    {
                        var name = Pascal(operationId) + Pascal(parameter["name"]!.GetValue<string>());
                        schemas[name] = schema.DeepClone();
                        parameter["schema"] = new JsonObject { ["$ref"] = SchemaPrefix + name };
                    }
                }
            }
        }
    }

    /// <summary>Walks every schema of the document.</summary>
    public static void Simplify(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                NumbersAreNumbers(schema);
                EnumsOfTextAreText(schema);
                foreach (var (_, child) in schema.ToList())
                {
                    Simplify(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Simplify(child);
                }
                break;
        }
    }

    /// <summary>
    /// ASP.NET Core describes every number as "integer or a string of digits" (its JSON reads numbers from strings), which a
    /// generator can only type as object. The server always writes numbers, so the client reads and writes numbers.
    /// </summary>
    private static void NumbersAreNumbers(JsonObject schema)
    {
        if (schema["type"] is JsonArray types
            && types.Any(t => t?.GetValue<string>() is "integer" or "number")
            && types.FirstOrDefault(t => t?.GetValue<string>() == "string") is { } text)
        {
            types.Remove(text);
            schema.Remove("pattern");
        }
    }

    /// <summary>
    /// An enum of strings is described without its type; said, the generator writes the values as the strings they are.
    /// Values such as <c>-name</c> (descending) get member names (<c>NameDescending</c>) rather than <c>Minusname</c>.
    /// </summary>
    private static void EnumsOfTextAreText(JsonObject schema)
    {
        if (schema["enum"] is not JsonArray values || !values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            return;
        }
        schema["type"] ??= "string";
        var texts = values.Select(v => v!.GetValue<string>()).ToList();
        if (texts.Any(t => t.StartsWith('-')))
        {
            schema["x-enumNames"] = new JsonArray([.. texts.Select(t => (JsonNode)(t.StartsWith('-') ? Pascal(t[1..]) + "Descending" : Pascal(t)))]);
        }
    }

    /// <summary><c>listMembers</c> → <c>ListMembers</c>, <c>active_members</c> → <c>ActiveMembers</c>.</summary>
    private static string Pascal(string text) =>
        string.Concat(text.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
