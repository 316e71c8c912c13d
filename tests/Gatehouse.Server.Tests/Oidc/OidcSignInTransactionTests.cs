using System.Net;
using Gatehouse.Server.Tests.Access;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// A sign-in writes in one transaction at its end (<c>SignInTransaction</c>): a refresh redeems the old refresh token and stores its
/// successor and the new access token in one batch and one commit, so the rotation is whole and SQLite's write lock is held for the
/// writes alone.
/// </summary>
public sealed class OidcSignInTransactionTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_refresh_redeems_the_old_token_and_stores_the_new_ones_in_one_commit(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("One commit"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var refresh = (await OidcFlow.SignInToTokensAsync(app, client, email)).GetProperty("refresh_token").GetString()!;
        using var http = app.CreateClient();

        using var transactions = TransactionRoundTrips.Start(app.ConnectionString);
        (await (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }))
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("refresh_token").GetString();

        var writing = transactions.Committed.Where(t => t.Any(Writes)).ToList();
        var commit = Assert.Single(writing);
        var statements = commit.SelectMany(c => c.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(1, statements.Count(c => c.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_tokens", StringComparison.Ordinal)));
        Assert.Equal(2, statements.Count(c => c.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_tokens", StringComparison.Ordinal)));
        Assert.DoesNotContain("savepoint", commit);
        // The writes are held to the end and sent together: the transaction (on SQLite, the write lock) spans them alone, not the
        // reads and the signing of the tokens between them.
        Assert.DoesNotContain(statements, c => c.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        if (store == "postgres")
        {
            // One round trip; SQLite, in process, runs each statement as its own command.
            Assert.Single(commit);
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task One_refresh_token_presented_by_several_requests_at_once_gives_one_answer_and_revokes_the_chain(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("At once"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var refresh = (await OidcFlow.SignInToTokensAsync(app, client, email)).GetProperty("refresh_token").GetString()!;
        using var http = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh })));

        // Whether a loser arrives after the winner's commit (a reuse) or races it to the same row (a conflict at the commit), it
        // is refused as a reuse, never a server error, and the winner's new tokens are revoked with the rest of the chain.
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var loser in answers.Where(a => a != winner))
        {
            Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(loser, HttpStatusCode.BadRequest));
        }
        var successor = (await winner.ExpectAsync(HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;
        Assert.False((await OidcFlow.IntrospectAsync(http, client, successor)).GetProperty("active").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Client_credentials_take_no_transaction(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("No commit");
        var client = await OidcFlow.RegisterAsync(app, "confidential", organizationId: organization);
        using var http = app.CreateClient();
        (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" })).EnsureSuccessStatusCode();

        using var transactions = TransactionRoundTrips.Start(app.ConnectionString);
        (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" })).EnsureSuccessStatusCode();

        Assert.Empty(transactions.Committed);
    }

    private static bool Writes(string command) =>
        command.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || command.Contains("UPDATE", StringComparison.OrdinalIgnoreCase);
}
