using System.Net;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Audit;

/// <summary>The API description of the audit and check operations: stable operationIds, and the audit lists' query parameters in camelCase.</summary>
public sealed class AuditOpenApiTests(ServerPool servers)
{
    [Fact]
    public async Task AuditAndCheckOperations_HaveStableOperationIds_AndTheAuditFilters_AreCamelCase()
    {
        var app = await servers.GetAsync("sqlite");
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK)).GetProperty("paths");
        string OperationId(string path, string method) => paths.GetProperty(path).GetProperty(method).GetProperty("operationId").GetString()!;

        Assert.Equal("listAuditEvents", OperationId("/api/v1/organizations/{organizationId}/audit-events", "get"));
        Assert.Equal("listPlatformAuditEvents", OperationId("/api/v1/platform/audit-events", "get"));
        Assert.Equal("checkAccess", OperationId("/api/v1/organizations/{organizationId}/check", "post"));
        Assert.Equal("checkAccessByQuery", OperationId("/api/v1/organizations/{organizationId}/check", "get"));
        Assert.Equal("checkAccessBatch", OperationId("/api/v1/organizations/{organizationId}/check/batch", "post"));
        Assert.Equal("explainAccess", OperationId("/api/v1/organizations/{organizationId}/explain", "post"));
        Assert.Equal("getEffectivePermissions", OperationId("/api/v1/organizations/{organizationId}/members/{memberId}/effective-permissions", "get"));
        foreach (var path in new[] { "/api/v1/organizations/{organizationId}/audit-events", "/api/v1/platform/audit-events" })
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{path} has no description.");
            var query = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString());
            Assert.Equal(["actorUserId", "targetMemberId", "action", "from", "to", "cursor", "limit"], query);
        }
    }

    [Fact]
    public async Task AuditFilters_StillBind_WhenACallerSpellsThemInPascalCase()
    {
        var app = await servers.GetAsync("sqlite");
        var organization = await app.CreateOrganizationAsync("Pascal");
        var url = $"/api/v1/organizations/{organization}/audit-events";

        var camel = await (await app.Operator.GetAsync($"{url}?action=scope.created")).ExpectAsync(HttpStatusCode.OK);
        var pascal = await (await app.Operator.GetAsync($"{url}?Action=scope.created&Limit=1")).ExpectAsync(HttpStatusCode.OK);
        var organizationCreated = await (await app.Operator.GetAsync($"{url}?Action=organization.created&Limit=1")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, camel.GetProperty("items").GetArrayLength());
        Assert.Equal(0, pascal.GetProperty("items").GetArrayLength());
        Assert.Equal(1, organizationCreated.GetProperty("items").GetArrayLength());
    }
}
