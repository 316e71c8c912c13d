using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The OpenAPI 3.1 document describes every endpoint of the API with a summary, its answers, its problems and its request bodies.</summary>
public sealed class OpenApiTests(ServerPool servers)
{
    [Fact]
    public async Task The_document_names_its_licence_describes_every_tag_and_lists_the_public_url_not_the_requests_host()
    {
        var app = await servers.GetAsync("sqlite");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "attacker.example");
        var document = await (await client.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Apache-2.0", document.GetProperty("info").GetProperty("license").GetProperty("identifier").GetString());
        Assert.Equal(["http://127.0.0.1"], document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
        var used = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!) : [])
            .ToHashSet(StringComparer.Ordinal);
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => t.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString()))
            .Select(t => t.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(described));
    }

    [Fact]
    public async Task Anonymous_operations_say_they_need_no_key_and_every_other_operation_needs_one()
    {
        var app = await servers.GetAsync("sqlite");
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        var anonymous = new List<string>();
        foreach (var (route, endpoint) in BadInputTests.ApiRoutes(app.Services))
        {
            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant();
            var path = BadInputTests.Pattern(endpoint);
            var operation = (paths.TryGetProperty(path, out var item) ? item : paths.GetProperty(path + "/")).GetProperty(method);
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
            if (open)
            {
                anonymous.Add(route);
                Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0, $"{route} is anonymous but does not say 'security: []'.");
            }
            else
            {
                Assert.False(operation.TryGetProperty("security", out _), $"{route} needs a key but overrides the document's requirement.");
            }
        }
        Assert.Contains(anonymous, route => route.Contains("/invitations/accept", StringComparison.Ordinal));
        Assert.Contains(document.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("apiKey", out _));
    }

    [Fact]
    public async Task The_dev_mailbox_is_described_only_while_there_is_no_smtp_server()
    {
        var open = await servers.GetAsync("sqlite");
        var withMailbox = await (await open.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(withMailbox.GetProperty("paths").TryGetProperty("/api/v1/dev/mailbox", out _));

        await using var smtp = await GatehouseApp.StartAsync("sqlite", settings: Email.EmailDeliveryTests.SmtpSettings(MailServer.FreePort()));
        var withoutMailbox = await (await smtp.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = withoutMailbox.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(paths, path => path.StartsWith("/api/v1/dev/", StringComparison.Ordinal));
        Assert.Contains("/api/v1/me", paths);
        Assert.DoesNotContain(withoutMailbox.GetProperty("tags").EnumerateArray(), tag => tag.GetProperty("name").GetString() == "Dev mailbox");
    }

    [Fact]
    public async Task A_parameter_with_a_fixed_set_of_values_lists_them()
    {
        var app = await servers.GetAsync("sqlite");
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var status = document.GetProperty("paths").GetProperty("/api/v1/organizations/{organizationId}/invitations").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status");

        Assert.Equal(["pending", "accepted", "revoked", "expired", "all"], status.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task The_document_describes_every_endpoint_with_its_answers_and_problems(string store)
    {
        var app = await servers.GetAsync(store);
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("code", out _), "ProblemDetails does not document 'code'.");
        Assert.True(problem.TryGetProperty("errors", out _), "ProblemDetails does not document 'errors'.");

        var paths = document.GetProperty("paths");
        var gaps = new List<string>();
        var routes = BadInputTests.ApiRoutes(app.Services).ToList();
        Assert.True(routes.Count > 40, "The API's routes were not found.");
        foreach (var (route, endpoint) in routes)
        {
            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant();
            var path = BadInputTests.Pattern(endpoint);
            if (!paths.TryGetProperty(path, out var item) && !paths.TryGetProperty(path + "/", out item) || !item.TryGetProperty(method, out var operation))
            {
                gaps.Add($"{route}: not in the document");
                continue;
            }
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                gaps.Add($"{route}: no summary");
            }
            var responses = operation.GetProperty("responses");
            if (!responses.EnumerateObject().Any(r => r.Name.StartsWith('2')))
            {
                gaps.Add($"{route}: no 2xx answer");
            }
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
            var expected = new List<string> { "400" };
            if (!anonymous)
            {
                expected.Add("401");
            }
            if (endpoint.RoutePattern.Parameters.Count > 0)
            {
                expected.Add("404");
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            {
                expected.AddRange(["413", "415"]);
            }
            var check = endpoint.RoutePattern.RawText!.EndsWith("/check", StringComparison.Ordinal)
                || endpoint.RoutePattern.RawText.EndsWith("/check/batch", StringComparison.Ordinal) || endpoint.RoutePattern.RawText.EndsWith("/explain", StringComparison.Ordinal);
            if (endpoint.RoutePattern.RawText.StartsWith("/api/v1/organizations/{organizationId", StringComparison.Ordinal) && method != "get" && !check)
            {
                expected.AddRange(["403", "409", "422"]);
            }
            if (check && (responses.TryGetProperty("409", out _) || responses.TryGetProperty("422", out _)))
            {
                gaps.Add($"{route}: a check never answers 409 or 422, yet the document says it may");
            }
            if (!operation.TryGetProperty("operationId", out _) || !operation.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
            {
                gaps.Add($"{route}: no operationId or no description");
            }
            foreach (var status in expected)
            {
                if (!responses.TryGetProperty(status, out var answer))
                {
                    gaps.Add($"{route}: no {status} answer");
                }
                else if (!IsProblem(answer))
                {
                    gaps.Add($"{route}: the {status} answer is not application/problem+json ProblemDetails");
                }
            }
            foreach (var answer in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
            {
                if (!IsProblem(answer.Value))
                {
                    gaps.Add($"{route}: the {answer.Name} answer is not application/problem+json ProblemDetails");
                }
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            {
                if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _)))
                {
                    gaps.Add($"{route}: the request body has no schema");
                }
            }
        }
        Assert.True(gaps.Count == 0, "The OpenAPI document lacks:\n" + string.Join('\n', gaps));
    }

    private static bool IsProblem(JsonElement answer) =>
        answer.TryGetProperty("content", out var content)
        && content.TryGetProperty("application/problem+json", out var media)
        && media.TryGetProperty("schema", out var schema)
        && schema.TryGetProperty("$ref", out var reference)
        && reference.GetString() == "#/components/schemas/ProblemDetails";
}
