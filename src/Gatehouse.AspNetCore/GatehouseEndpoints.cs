using Microsoft.AspNetCore.Builder;
using Gatehouse.AspNetCore.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore;

/// <summary>Signing in, switching organization and signing out, as endpoints and as <see cref="HttpContext"/> methods.</summary>
public static class GatehouseEndpoints
{
    /// <summary>
    /// Maps, under <see cref="GatehouseOptions.EndpointsPrefix"/> (<c>/gatehouse</c>): <c>GET sign-in?returnUrl=</c>,
    /// <c>GET switch-organization?organizationId=&amp;returnUrl=</c> (without an id, Gatehouse's picker lets the person choose) and
    /// <c>POST sign-out?returnUrl=</c> (ends the Gatehouse session too). Only local return addresses are followed.
    /// </summary>
    public static RouteGroupBuilder MapGatehouse(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(app.ServiceProvider.GetRequiredService<IOptions<GatehouseOptions>>().Value.EndpointsPrefix);
        group.MapGet("/sign-in", (HttpContext http, string? returnUrl) => http.ChallengeAsync(GatehouseDefaults.OpenIdConnectScheme, Back(returnUrl)));
        group.MapGet("/switch-organization", (HttpContext http, Guid? organizationId, string? returnUrl) => http.SwitchOrganizationAsync(organizationId, returnUrl));
        group.MapPost("/sign-out", (HttpContext http, string? returnUrl) => http.SignOutOfGatehouseAsync(returnUrl));
        return group;
    }

    /// <summary>
    /// Signs the person in again for <paramref name="organizationId"/> (the <c>organization</c> parameter), or lets them pick one
    /// on Gatehouse's page when null; the new session replaces the current one, and they come back to <paramref name="returnUrl"/>.
    /// </summary>
    public static Task SwitchOrganizationAsync(this HttpContext http, Guid? organizationId, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var properties = Back(returnUrl);
        if (organizationId is { } id)
        {
            properties.Items[SignInConfiguration.OrganizationItem] = id.ToString();
        }
        return http.ChallengeAsync(GatehouseDefaults.OpenIdConnectScheme, properties);
    }

    /// <summary>Ends the product's session and the person's Gatehouse session, then returns to <paramref name="returnUrl"/>.</summary>
    public static async Task SignOutOfGatehouseAsync(this HttpContext http, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        await http.SignOutAsync(GatehouseDefaults.CookieScheme);
        await http.SignOutAsync(GatehouseDefaults.OpenIdConnectScheme, Back(returnUrl));
    }

    // A local path only ("/x", not "//host" or "/\host"), so these endpoints redirect nowhere else.
    private static AuthenticationProperties Back(string? returnUrl) => new()
    {
        RedirectUri = returnUrl is ['/', not '/' and not '\\', ..] or "/" ? returnUrl : "/",
    };
}
