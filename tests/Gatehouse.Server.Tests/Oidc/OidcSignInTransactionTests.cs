using System.Net;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
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
    public async Task An_authorization_request_stores_its_authorization_and_its_code_in_one_commit(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Code commit"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        using var browser = await OidcFlow.SignedInAsync(app, email);
        var (verifier, challenge) = OidcFlow.Pkce();

        using var transactions = TransactionRoundTrips.Start(app.ConnectionString);
        var outcome = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge));

        var commit = Assert.Single(transactions.Committed, t => t.Any(Writes));
        var statements = commit.SelectMany(c => c.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(1, statements.Count(c => c.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_authorizations", StringComparison.Ordinal)));
        Assert.Equal(1, statements.Count(c => c.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_tokens", StringComparison.Ordinal)));
        Assert.DoesNotContain(statements, c => c.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        // The code hangs on the authorization written with it: redeemed, its tokens name the organization and introspect active.
        using var http = app.CreateClient();
        var tokens = await OidcFlow.RedeemAsync(http, client, outcome.Code, verifier);
        Assert.True((await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("refresh_token").GetString()!)).GetProperty("active").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task What_a_refused_sign_in_held_is_never_written(string store)
    {
        var app = await servers.GetAsync(store);
        var subject = Guid.NewGuid().ToString("D");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
            db.HoldSaves = true;
            db.Add(new OpenIddictEntityFrameworkCoreAuthorization { Subject = subject, Status = "valid", Type = "ad-hoc", CreationDate = DateTime.UtcNow });
            await db.SaveChangesAsync();
            db.DiscardHeldSaves();
            // A later save of the same request (an audit event, say) must not carry the refused sign-in's rows with it.
            await db.SaveChangesAsync();
            Assert.False(db.HoldSaves);
        }
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<GatehouseDb>().Set<OpenIddictEntityFrameworkCoreAuthorization>().AnyAsync(a => a.Subject == subject));
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
