using System.Globalization;
using System.Net;
using Gatehouse.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Benchmarks;

/// <summary>
/// A minimal product built on Gatehouse.AspNetCore as its README says, for bench/load/product.sh: <c>/trivial</c> answers
/// a word (no authorization; with the session cookie it still pays for the session's validation), <c>/guarded</c> needs a
/// permission on the organization (<c>RequirePermission</c>, answered from the package's cache after the first check).
/// Runs until stopped.
/// </summary>
public static class ProductApp
{
    /// <summary>Starts the product on 127.0.0.1:<paramref name="port"/> and waits for Ctrl+C or SIGTERM.</summary>
    public static async Task<int> RunAsync(Uri gatehouse, string clientId, string secret, int port, string sessionCheckSeconds, string permission)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddGatehouse(o =>
        {
            o.Authority = gatehouse;
            o.ClientId = clientId;
            o.ClientSecret = secret;
            o.RequireHttpsMetadata = false;
            o.SessionCheckInterval = TimeSpan.FromSeconds(double.Parse(sessionCheckSeconds, CultureInfo.InvariantCulture));
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGatehouse();
        app.MapGet("/trivial", () => "ok");
        app.MapGet("/guarded", (HttpContext http) => "allowed for " + http.User.GetGatehouseIdentity()!.Name).RequirePermission(permission);
        await app.RunAsync();
        return 0;
    }
}
