using System.Net;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Members;

/// <summary>The member operations in the API description: a stable operationId each, and the list's accepted values.</summary>
public sealed class MemberOpenApiTests(ServerPool servers)
{
    private const string Members = "/api/v1/organizations/{organizationId}/members";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApi_NamesEveryMemberOperation_WithADescription(string store)
    {
        var app = await servers.GetAsync(store);

        var paths = (await (await app.Operator.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK)).GetProperty("paths");

        var expected = new (string Path, string Method, string OperationId)[]
        {
            ("", "get", "listMembers"), ("/{memberId}", "get", "getMember"), ("/{memberId}", "delete", "removeMember"),
            ("/{memberId}/access", "put", "replaceMemberAccess"),
            ("/{memberId}/scopes", "post", "addMemberToScope"), ("/add-to-scope", "post", "addMemberToScopeByEmail"),
            ("/{memberId}/scopes/{scopeId}", "delete", "removeMemberFromScope"), ("/{memberId}/deactivate", "post", "deactivateMember"),
            ("/{memberId}/reactivate", "post", "reactivateMember"), ("/{memberId}/owner", "put", "changeMemberOwnership"),
        };
        foreach (var (path, method, operationId) in expected)
        {
            var operation = paths.GetProperty(Members + path).GetProperty(method);
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), operationId);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), operationId);
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApi_ListsTheAcceptedValues_OfSortTypeAndStatus(string store)
    {
        var app = await servers.GetAsync(store);

        var paths = (await (await app.Operator.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK)).GetProperty("paths");
        var list = paths.GetProperty(Members).GetProperty("get");

        string[] ValuesOf(string name) =>
            [.. list.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name)
                .GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];
        Assert.Equal(["name", "-name", "email", "-email", "lastLogin", "-lastLogin"], ValuesOf("sort"));
        Assert.Equal(["organization", "scope"], ValuesOf("type"));
        Assert.Equal(["active", "deactivated"], ValuesOf("status"));
        // The values are the member list's own: the invitation list's 'status' does not take them.
        var invitations = paths.GetProperty("/api/v1/organizations/{organizationId}/invitations").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "status").GetProperty("schema");
        Assert.False(invitations.TryGetProperty("enum", out var other) && other.EnumerateArray().Any(v => v.GetString() == "deactivated"));
    }
}
