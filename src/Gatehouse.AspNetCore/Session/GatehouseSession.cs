using Gatehouse.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Session;

/// <summary>The session of the request's person: claims from the principal, tokens from the Gatehouse cookie.</summary>
internal sealed class GatehouseSession(IHttpContextAccessor http, IHttpClientFactory clients, IOptions<GatehouseOptions> options) : IGatehouseSession
{
    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("The Gatehouse session is read within a request.");

    public GatehouseIdentity? Identity => Context.User.GetGatehouseIdentity();

    public async Task<string?> GetAccessTokenAsync() =>
        Identity is null ? null : await Context.GetTokenAsync(GatehouseDefaults.CookieScheme, "access_token");

    public async Task<IGatehouseClient> CreateClientAsync()
    {
        var token = await GetAccessTokenAsync() ?? throw new InvalidOperationException("Nobody is signed in through Gatehouse.");
        return new GatehouseClient(clients.CreateClient(GatehouseDefaults.ApiHttpClient), options.Value.Api, token);
    }
}
