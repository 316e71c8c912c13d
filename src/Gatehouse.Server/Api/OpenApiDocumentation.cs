using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
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
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "Gatehouse API";
            document.Info.Version = "v1";
            document.Info.License = new OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" };
            // The server's address as configured (or as it listens), never the Host header of the request for the document.
            document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<Email.PublicLinks>().BaseUrl.TrimEnd('/') }];
            DescribeTags(document);
            document.Info.Description = "User and access management for B2B products. Authenticate with 'Authorization: Bearer ghk_…'. "
                + "Errors are RFC 9457 problem details with a stable 'code', a 'detail' sentence and, for invalid input, 'errors' per field.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (ghk_…) from the setup link, POST /api/v1/api-keys, a service account, or 'gatehouse api-key create'; "
                    + "or a person's access token from Gatehouse's OpenID Connect provider, acting in its organization only.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
            DocumentCommonProblems(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                // Overrides the document's API key requirement: this operation is answered without a key.
                operation.Security = [];
            }
            foreach (var declared in metadata.OfType<ParameterValues>())
            {
                if (operation.Parameters?.FirstOrDefault(p => string.Equals(p.Name, declared.Name, StringComparison.OrdinalIgnoreCase)) is OpenApiParameter parameter)
                {
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. declared.Values.Select(v => (System.Text.Json.Nodes.JsonNode)v)] };
                }
            }
            if (metadata.OfType<EnableRateLimitingAttribute>().Any() && context.Document is { } document)
            {
                operation.Responses ??= [];
                Add(operation, "429", "Too many requests without a key from this address (rate_limited); see Retry-After.", new OpenApiSchemaReference("ProblemDetails", document));
            }
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

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Access checks"] = "May this person do this here? Single and batch checks answered from memory, and why (explain).",
        ["API keys"] = "The caller's own API keys, and service accounts for a product's backend.",
        ["Audit"] = "Who changed what: the audit events of an organization, and CSV export.",
        ["Dev mailbox"] = "The emails Gatehouse wrote, when no SMTP server is configured (development only).",
        ["Health"] = "Whether the server and its database answer.",
        ["Invitations"] = "Inviting people by email, the pending invitations, resending, revoking and accepting them.",
        ["Lookups"] = "Where may this person do this, and who may do this here? Pages of places or people, from memory.",
        ["Me"] = "The caller: their account and their organizations.",
        ["Members"] = "The people of an organization: the list, their access, deactivation, removal and ownership.",
        ["Organizations"] = "Organizations (the product's customers), their plan and seats.",
        ["Platform"] = "Product support: every organization, permanent account deletion, the outbox and the platform audit log.",
        ["Roles"] = "The organization's roles: the product's system roles and custom ones, and the permission catalog.",
        ["Scopes"] = "The places inside an organization (workshops, projects, facilities), as a tree.",
        ["Setup"] = "The first start: creating the first platform operator with the setup link.",
    };

    private static void DescribeTags(OpenApiDocument document)
    {
        var used = (document.Paths ?? []).Values.SelectMany(item => (item.Operations ?? []).Values).SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) }));
    }

    /// <summary>
    /// Adds the problem answers that come from the pipeline rather than from one handler: every body can be too
    /// large (413) or not JSON (415). What the use case itself may answer each endpoint declares (for a change
    /// inside an organization, <see cref="ManagementRefusals.ProducesManagementRefusals"/>).
    /// </summary>
    private static void DocumentCommonProblems(OpenApiDocument document)
    {
        var problem = new OpenApiSchemaReference("ProblemDetails", document);
        foreach (var item in document.Paths.Values)
        {
            foreach (var operation in (item.Operations ?? []).Values)
            {
                operation.Responses ??= [];
                if (operation.RequestBody is not null)
                {
                    Add(operation, "413", "The request body is larger than the server accepts (body_too_large).", problem);
                    Add(operation, "415", "The request body is not JSON (unsupported_media_type).", problem);
                }
            }
        }
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema problem)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };
    }
}
