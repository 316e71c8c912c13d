using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gatehouse.Server.Api;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>.</summary>
public static class OpenApiDocumentation
{
    /// <summary>Sets the document's version, title, security scheme and the problem details extensions.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gatehouse API";
            document.Info.Version = "v1";
            document.Info.Description = "User and access management for B2B products. Authenticate with 'Authorization: Bearer ghk_…'. "
                + "Errors are RFC 9457 problem details with a stable 'code', a 'detail' sentence and, for invalid input, 'errors' per field.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (ghk_…) from the setup link, POST /api/v1/api-keys, a service account, or 'gatehouse api-key create'.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ProblemDetails) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable code, e.g. seat_limit_reached." };
                schema.Properties["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For invalid input: the offending fields and what is wrong with each.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
            }
            return Task.CompletedTask;
        });
    }
}
