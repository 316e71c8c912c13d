using System.Text.Json.Nodes;
using Gatehouse.Application.Members;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gatehouse.Server.Api.Members;

/// <summary>
/// The member list's 'sort', 'type' and 'status' are bound as text so a bad value keeps its own code and sentence
/// (validation_failed naming the accepted values); this lists the accepted values in the API description.
/// </summary>
internal static class MemberListParameters
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Values = new(StringComparer.Ordinal)
    {
        ["sort"] = ListMembersHandler.SortValues,
        ["type"] = ListMembersHandler.TypeValues,
        ["status"] = ListMembersHandler.StatusValues,
    };

    /// <summary>Adds the enum values to the list operation's parameters.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter.Name is { } name && Values.TryGetValue(name, out var values) && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
        }
        return Task.CompletedTask;
    }
}
