using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gatehouse.Server.Tests.Hosting.BadInputCases;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// Malformed and hostile input to every endpoint of the API, on both stores: the answer is always a 4xx problem
/// (never 5xx) with a code and a sentence, and nothing is stored. Free-text filters take anything and answer 200.
/// The table (<see cref="BadInputCases"/>) must name every route of the API, so a new endpoint without bad-input cases fails <see cref="Every_api_route_has_bad_input_cases"/>.
/// </summary>
public sealed partial class BadInputTests(BadInputServers servers, ServerPool pool) : IClassFixture<BadInputServers>
{
    [Theory, MemberData(nameof(BadInputCases.Table), MemberType = typeof(BadInputCases))]
    public async Task Bad_input_is_refused_with_a_problem_and_nothing_is_stored(string store, string @case)
    {
        var c = Cases[@case];
        var world = await servers.GetAsync(store);
        var before = await world.CountRowsAsync();

        using var request = new HttpRequestMessage(new HttpMethod(c.Method), world.Fill(c.Route, c.Ids, escape: true) + (c.Query is null ? string.Empty : "?" + world.Fill(c.Query, null, escape: false)));
        if (c.Body is not null)
        {
            request.Content = new StringContent(world.Fill(c.Body, c.Ids, escape: false), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(c.ContentType);
        }
        var client = c.Caller switch
        {
            Who.Anonymous => world.Anonymous,
            Who.HostileKey => world.App.ClientWithKey(c.Ids?.GetValueOrDefault("key") ?? SqlOr),
            _ => world.App.Operator,
        };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;

        if (c.Status == 200)
        {
            Assert.True(status == 200, $"{@case}: expected 200 but got {status}: {Cut(body)}");
        }
        else
        {
            Assert.True(status is >= 400 and < 500, $"{@case}: expected a 4xx answer but got {status}: {Cut(body)}");
            Assert.True(c.Status == 0 || status == c.Status, $"{@case}: expected {c.Status} but got {status}: {Cut(body)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.True(problem.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }, $"{@case}: no code in {Cut(body)}");
            Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }, $"{@case}: no detail in {Cut(body)}");
            Assert.True(c.Code is null || code.GetString() == c.Code, $"{@case}: expected code {c.Code} but got {Cut(body)}");
        }
        Assert.Equal(before, await world.CountRowsAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Missing_or_invalid_query_parameters_are_named(string store)
    {
        var world = await servers.GetAsync(store);
        var check = world.Fill(Org + "/check", null, escape: true);

        var missing = await (await world.App.Operator.GetAsync($"{check}?permission=members.view")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'userId'", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("body", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(missing.GetProperty("errors").TryGetProperty("userId", out _));

        var invalid = await (await world.App.Operator.GetAsync($"{check}?userId=abc&permission=members.view")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'userId'", invalid.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var noPermission = await (await world.App.Operator.GetAsync($"{check}?userId={world.Ids["userId"]}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'permission'", noPermission.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var limit = await (await world.App.Operator.GetAsync("/api/v1/organizations?limit=99999999999")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'limit'", limit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Simultaneous_accepts_creating_the_same_account_answer_201_and_409_never_500(string store)
    {
        var app = await pool.GetAsync(store);
        var email = InvitationSupport.NewEmail("race");
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var organization = await app.CreateOrganizationAsync($"Race {i}");
            await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
            tokens.Add(await app.TokenSentToAsync(email));
        }
        var answers = await Task.WhenAll(tokens.Select(t => app.AcceptAsNewUserAsync(t)));

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToList();
        Assert.True(statuses.SequenceEqual([201, 409]), $"Expected one 201 and one 409, got {string.Join(", ", statuses)}: {await answers[1].Content.ReadAsStringAsync()}");
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Every_api_route_has_bad_input_cases(string store)
    {
        var world = await servers.GetAsync(store);
        var covered = Cases.Values.Select(c => $"{c.Method} {c.Route}").ToHashSet(StringComparer.Ordinal);
        var bodies = BodyRoutes.Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (route, endpoint) in ApiRoutes(world.App.Services))
        {
            if (!covered.Contains(route))
            {
                missing.Add(route + " has no case");
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null && !bodies.Contains(route))
            {
                missing.Add(route + " takes a body but is not in BodyRoutes");
            }
        }
        Assert.True(missing.Count == 0, "Routes without bad-input cases:\n" + string.Join('\n', missing));
        Assert.True(ApiRoutes(world.App.Services).Count() > 40, "The API's routes were not found.");
    }

    /// <summary>Every route of the API as "METHOD /pattern" (constraints and trailing slashes removed).</summary>
    public static IEnumerable<(string Route, RouteEndpoint Endpoint)> ApiRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ($"{m} {Pattern(e)}", e)));

    /// <summary>The route pattern with constraints and a trailing slash removed.</summary>
    public static string Pattern(RouteEndpoint endpoint) => Constraint().Replace(endpoint.RoutePattern.RawText!, "{$1}").TrimEnd('/');

    private static string Cut(string body) => body.Length <= 600 ? body : body[..600] + "…";

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
