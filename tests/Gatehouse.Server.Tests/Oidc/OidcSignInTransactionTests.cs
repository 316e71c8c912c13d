using System.Net;
using Gatehouse.Server.Tests.Access;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// A sign-in writes in one transaction (<c>SignInTransaction</c>): a refresh redeems the old refresh token and stores its
/// successor and the new access token in one commit, so the rotation is whole and SQLite's single writer is taken once.
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
        Assert.Equal(1, commit.Count(c => c.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_tokens", StringComparison.Ordinal)));
        Assert.Equal(2, commit.Count(c => c.Contains("INSERT", StringComparison.OrdinalIgnoreCase) && c.Contains("oidc_tokens", StringComparison.Ordinal)));
        Assert.DoesNotContain("savepoint", commit);
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
