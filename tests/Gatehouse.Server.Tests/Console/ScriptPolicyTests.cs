using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// The console's scripts (issue 14: "allow scripts from 'self' only: no inline script, no other hosts"), checked on the page
/// that runs both of them, a project's Users tab opened by someone whose profile has no time zone yet.
/// </summary>
public sealed class ScriptPolicyTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectPage_RunsOnlyGatehousesOwnScriptFiles_UnderAPolicyOfSelfAlone_WithNoViolation(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Scripts " + Guid.NewGuid().ToString("N")[..6]);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("contributor", apollo)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin"), At("project_admin", apollo)]);
        var page = admin.Page;
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");

        var response = await page.GotoAsync($"/orgs/{org}/scopes/{apollo}/users");
        Assert.Equal(200, response!.Status);
        var directives = (await response.HeaderValueAsync("content-security-policy"))!.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("script-src 'self'", Assert.Single(directives, d => d.StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Equal("connect-src 'self'", Assert.Single(directives, d => d.StartsWith("connect-src", StringComparison.Ordinal)));
        Assert.DoesNotContain(directives, d => d.StartsWith("script-src-", StringComparison.Ordinal) || d.StartsWith("default-src", StringComparison.Ordinal) && d != "default-src 'none'");

        // Every script is a file of Gatehouse's own, none inline (no handler attributes either): the autosave, and the time
        // zone's while the profile has none (the sign-in page may already have sent it).
        var scripts = await page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => (s.src ? new URL(s.src).origin === location.origin ? new URL(s.src).pathname : 'other host: ' + s.src : 'inline: ' + s.text.slice(0, 60)))");
        Assert.Contains("/js/autosave.js", scripts);
        Assert.All(scripts, s => Assert.Contains(s, new[] { "/js/autosave.js", "/js/timezone.js" }));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"));
        // It ran (the autosaving form is marked by its script), and the browser reported nothing the policy blocked.
        await Assertions.Expect(page.Locator("form.role-form.autosaving").First).ToBeAttachedAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
    }
}
