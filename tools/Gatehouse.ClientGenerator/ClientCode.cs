using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Gatehouse.ClientGenerator;

/// <summary>
/// The C# code of Gatehouse.Client for an OpenAPI document: the one place that holds the generator's settings, used by
/// scripts/generate-client.sh (through this tool) and by the test that keeps the committed client in step with the server.
/// </summary>
public static class ClientCode
{
    /// <summary>Where the generated client lives, relative to the repository root.</summary>
    public const string RelativePath = "src/Gatehouse.Client/Generated/GatehouseClient.g.cs";

    /// <summary>The generated client for the document's JSON, with '\n' line endings.</summary>
    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(DocumentForClients.Prepare(openApiJson));
        var code = new CSharpClientGenerator(document, Settings()).GenerateFile();
        return Normalize(code);
    }

    /// <summary>Line endings as committed ('\n'), so a checkout on Windows compares equal.</summary>
    public static string Normalize(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static CSharpClientGeneratorSettings Settings()
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "GatehouseClient",
            GenerateClientInterfaces = true,
            // The HttpClient's BaseAddress says where Gatehouse is (GatehouseClient's own constructor sets it).
            UseBaseUrl = false,
            GenerateBaseUrlProperty = false,
            // GatehouseApiException is hand-written (GatehouseApiException.cs): it reads the problem details of every refusal.
            GenerateExceptionClasses = false,
            ExceptionClass = "GatehouseApiException",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            GenerateOptionalParameters = true,
            ResponseArrayType = "System.Collections.Generic.IReadOnlyList",
            ResponseDictionaryType = "System.Collections.Generic.IReadOnlyDictionary",
            UseHttpRequestMessageCreationMethod = false,
            ClientBaseClass = null,
            // The audit log's before/after are any JSON: System.Text.Json's own JsonElement, not a generated class of that name.
            AdditionalNamespaceUsages = ["System.Text.Json"],
        };
        settings.CSharpGeneratorSettings.ExcludedTypeNames = ["JsonElement"];
        // 9.0 and later: enum values are written with JsonStringEnumMemberName, so "active_members" reads and writes as sent.
        settings.CSharpGeneratorSettings.JsonLibraryVersion = 10.0m;
        settings.CSharpGeneratorSettings.Namespace = "Gatehouse.Client";
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.GenerateNullableReferenceTypes = true;
        settings.CSharpGeneratorSettings.GenerateOptionalPropertiesAsNullable = true;
        settings.CSharpGeneratorSettings.GenerateDataAnnotations = false;
        settings.CSharpGeneratorSettings.ClassStyle = CSharpClassStyle.Poco;
        settings.CSharpGeneratorSettings.DateTimeType = "System.DateTimeOffset";
        settings.CSharpGeneratorSettings.ArrayType = "System.Collections.Generic.IReadOnlyList";
        settings.CSharpGeneratorSettings.ArrayInstanceType = "System.Collections.Generic.List";
        settings.CSharpGeneratorSettings.DictionaryType = "System.Collections.Generic.IDictionary";
        settings.CSharpGeneratorSettings.DictionaryInstanceType = "System.Collections.Generic.Dictionary";
        return settings;
    }
}
