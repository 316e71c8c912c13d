using System.Diagnostics;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Sdk.AspNetCore.ProductSessions;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>A product's <c>RequirePermission</c> and <c>IGatehouseAccess</c> answered by a real Gatehouse for a person signed in through it in Chromium.</summary>
public sealed class RequirePermissionTests(ProductSessions products, Browser browser) : IClassFixture<ProductSessions>
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RequirePermission_AllowsWhereGranted_RefusesElsewhereNamingThePermission_AndRefusesUnknownPlaces(string store)
    {
        var product = await products.GetAsync(store);
        var ada = await PersonAsync(product.Gatehouse);
        var otherProject = await product.Gatehouse.CreateScopeAsync(ada.OrganizationId, "Dock");
        var page = await SignInAsync(browser, product, ada.Email);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync(HomePage());
        Assert.Contains("Signed in as Ada Lovelace in Product ", await page.Locator("body").TextContentAsync(), StringComparison.Ordinal);

        var allowed = await GetAsync(page, product, $"/projects/{ada.ProjectId}/documents");
        Assert.Equal(200, allowed.Status);
        Assert.Equal($"Documents of {ada.ProjectId}", await allowed.TextAsync());

        await AssertRefusedAsync(await GetAsync(page, product, $"/projects/{otherProject}/documents"), "permission_missing", otherProject);
        // A place Gatehouse does not know (another organization's, or none) is refused like any other.
        var elsewhere = await product.Gatehouse.CreateScopeAsync(await product.Gatehouse.CreateOrganizationAsync("Elsewhere"), "Harbour");
        await AssertRefusedAsync(await GetAsync(page, product, $"/projects/{elsewhere}/documents"), "permission_missing", elsewhere);
        await AssertRefusedAsync(await GetAsync(page, product, $"/projects/{Guid.NewGuid()}/documents"), "permission_missing", null);
        // Not a place at all: refused without asking.
        var before = product.Trouble.Batches;
        await AssertRefusedAsync(await GetAsync(page, product, "/projects/harbour/documents"), "unknown_place", null);
        Assert.Equal(before, product.Trouble.Batches);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APage_AsksForEveryPermissionItShows_InOneBatch_AndReusesTheAnswers(string store)
    {
        var product = await products.GetAsync(store);
        var grace = await PersonAsync(product.Gatehouse, role: "member", first: "Grace", last: "Hopper");
        var page = await SignInAsync(browser, product, grace.Email);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync(HomePage());

        var before = product.Trouble.Batches;
        var toolbar = await ToolbarAsync(page, product, grace.ProjectId);
        Assert.Equal(before + 1, product.Trouble.Batches);
        Assert.Equal(["documents.view:True", "documents.create:True", "documents.edit:True", "documents.delete:False"], toolbar);

        // Within CacheFor the same questions are answered without asking again.
        Assert.Equal(toolbar, await ToolbarAsync(page, product, grace.ProjectId));
        Assert.Equal(before + 1, product.Trouble.Batches);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GatehouseUnreachable_IsARefusalWithinTheBound_NeverAnAllow(string store)
    {
        var product = await products.GetAsync(store);
        var hedy = await PersonAsync(product.Gatehouse, first: "Hedy", last: "Lamarr");
        var page = await SignInAsync(browser, product, hedy.Email);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync(HomePage());
        try
        {
            foreach (var path in new[] { ApiPath.ClosedPort, ApiPath.Hanging, ApiPath.ServerError })
            {
                product.Trouble.Path = path;
                var clock = Stopwatch.StartNew();
                // The product's CheckTimeout is five seconds; a hang that outlived it by far would mean no bound.
                var answer = await GetAsync(page, product, $"/projects/{hedy.ProjectId}/documents").WaitAsync(TimeSpan.FromSeconds(15));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{path}: answered after {clock.Elapsed}");
                var problem = await AssertRefusedAsync(answer, "gatehouse_unavailable", hedy.ProjectId);
                Assert.Contains("Gatehouse could not be reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            product.Trouble.Path = ApiPath.Gatehouse;
        }
        // The refusals were the outage's: with Gatehouse back, the same request is allowed (nothing of the outage was cached).
        Assert.Equal(200, (await GetAsync(page, product, $"/projects/{hedy.ProjectId}/documents")).Status);
    }

    private static async Task<string[]> ToolbarAsync(IPage page, GatehouseProduct product, Guid projectId)
    {
        var answer = await GetAsync(page, product, $"/toolbar?projectId={projectId}");
        Assert.Equal(200, answer.Status);
        var answers = (await answer.JsonAsync())!.Value;
        foreach (var refused in answers.EnumerateArray().Where(a => !a.GetProperty("allowed").GetBoolean()))
        {
            Assert.Equal("permission_missing", refused.GetProperty("code").GetString());
            Assert.Contains($"'{refused.GetProperty("permission").GetString()}'", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        return [.. answers.EnumerateArray().Select(a => $"{a.GetProperty("permission").GetString()}:{a.GetProperty("allowed").GetBoolean()}")];
    }

    private static async Task<JsonElement> AssertRefusedAsync(IAPIResponse answer, string code, Guid? scopeId)
    {
        var body = await answer.TextAsync();
        Assert.True(answer.Status == 403, $"{answer.Status}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("documents.view", problem.GetProperty("permission").GetString());
        Assert.Contains("'documents.view'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (scopeId is not null)
        {
            Assert.Equal(scopeId, problem.GetProperty("scopeId").GetGuid());
        }
        return problem;
    }
}
