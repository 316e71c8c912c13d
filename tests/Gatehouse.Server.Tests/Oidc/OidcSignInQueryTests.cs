using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// What a whole sign-in through a product asks of the database, step by step: the authorization request, the sign-in page, the
/// password, the authorization request with the new session (the code) and the code's redemption. Each test has a server of its
/// own, since it records every command the server runs.
/// </summary>
public sealed class OidcSignInQueryTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_whole_sign_in_asks_the_database_only_what_it_needs(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Counted"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        await OidcFlow.SignInToTokensAsync(app, client, email); // the first sign-in fills what is kept in memory

        using var browser = app.PageClient();
        using var http = app.CreateClient();
        var (verifier, challenge) = OidcFlow.Pkce();
        var steps = new List<(string Step, string[] Commands)>();
        using var commands = DatabaseCommands.Start(app.ConnectionString);
        string[] Take() { var taken = commands.Executed.ToArray(); commands.Executed.Clear(); return taken; }

        var toSignIn = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge));
        steps.Add(("authorization request, no session", Take()));
        var page = await browser.GetAsync(toSignIn.PageUrl!);
        page.EnsureSuccessStatusCode();
        steps.Add(("sign-in page", Take()));
        var outcome = await OidcFlow.SignInThenFollowAsync(browser, client, toSignIn.PageUrl!, email);
        steps.Add(("sign-in page again, password, authorization request with the session", Take()));
        await OidcFlow.RedeemAsync(http, client, outcome.Code, verifier);
        steps.Add(("code redeemed", Take()));

        foreach (var (step, executed) in steps)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{step}: {executed.Length}\n  " + string.Join("\n  ", executed.Select(c => c.ReplaceLineEndings(" "))));
        }
        Assert.Empty(Statements(steps[0].Commands));
        Assert.Empty(Statements(steps[1].Commands));
        var signIn = Statements(steps[2].Commands);
        // Two requests read the person's account: the password post (found by email) and the authorization request (the session's
        // check, which reads whether they are an operator and have an active membership in the same query).
        Assert.Equal(2, signIn.Count(c => Reads(c, "users")));
        // Whether the person is a platform operator: once a request, though the session's check and its claims both ask.
        Assert.Equal(2, signIn.Count(c => c.Contains("platform_operators", StringComparison.Ordinal)));
        // The registration is kept in memory: linking the authorization and the code to it reads nothing.
        Assert.DoesNotContain(signIn.Concat(Statements(steps[3].Commands)), c => Reads(c, "oidc_applications"));
        // The organizations to choose from and the one chosen are read once, with the account.
        Assert.Single(signIn, c => c.Contains("JOIN", StringComparison.Ordinal) && c.Contains("organizations", StringComparison.Ordinal));
        // The latest login and the sign-in's audit event are written together, after the membership rows the save keeps in step.
        var post = signIn.TakeWhile(c => !c.Contains("oidc_", StringComparison.Ordinal)).ToList();
        var firstWrite = post.FindIndex(c => !c.StartsWith("SELECT", StringComparison.Ordinal));
        Assert.True(firstWrite > 0, "The password post wrote nothing.");
        // Whether the person is an operator and has an active membership is read with the account, not asked on its own.
        Assert.DoesNotContain(post, c => c.StartsWith("SELECT EXISTS", StringComparison.Ordinal));
        Assert.All(post[firstWrite..].TakeWhile(c => !c.StartsWith("SELECT", StringComparison.Ordinal)), c => Assert.Matches("^(INSERT INTO \"?audit_events|UPDATE \"?(members|users))", c));
        Assert.Equal(3, post[firstWrite..].TakeWhile(c => !c.StartsWith("SELECT", StringComparison.Ordinal)).Count());
    }

    /// <summary>Whether <paramref name="statement"/> reads <paramref name="table"/> first (not as a join), on either store's quoting.</summary>
    private static bool Reads(string statement, string table) =>
        statement.StartsWith("SELECT", StringComparison.Ordinal) && Regex.IsMatch(statement, $@"\bFROM ""?{table}""? AS");

    /// <summary>The statements of the server's commands, its background email delivery left out.</summary>
    private static List<string> Statements(IEnumerable<string> commands) =>
        [.. commands.Where(c => !c.Contains("outbox_messages", StringComparison.Ordinal))
            .SelectMany(c => c.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(c => !c.StartsWith("RETURNING", StringComparison.Ordinal) && c.Length > 0)];
}
