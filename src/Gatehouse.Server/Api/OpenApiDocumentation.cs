using Microsoft.AspNetCore.OpenApi;

namespace Gatehouse.Server.Api;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>.</summary>
public static class OpenApiDocumentation
{
    /// <summary>Sets the document's version, title and security scheme.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gatehouse API";
            document.Info.Version = "v1";
            document.Info.Description = "User and access management for B2B products. Authenticate with 'Authorization: Bearer ghk_…'. Errors are RFC 9457 problem details with a stable 'code'.";
            return Task.CompletedTask;
        });
    }
}
