using Microsoft.AspNetCore.Antiforgery;
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
    /// <c>POST switch-organization</c> (a form with <c>organizationId</c>, <c>returnUrl</c> and ASP.NET Core's antiforgery token;
    /// without an id, Gatehouse's picker lets the person choose) and <c>POST sign-out?returnUrl=</c> (ends the Gatehouse
    /// session too). Only local return addresses are followed.
    /// </summary>
    public static RouteGroupBuilder MapGatehouse(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(app.ServiceProvider.GetRequiredService<IOptions<GatehouseOptions>>().Value.EndpointsPrefix);
        group.MapGet("/sign-in", (HttpContext http, string? returnUrl) => http.ChallengeAsync(GatehouseDefaults.OpenIdConnectScheme, Back(returnUrl)));
        group.MapPost("/switch-organization", SwitchPostedAsync);
        group.MapPost("/sign-out", (HttpContext http, string? returnUrl) => http.SignOutOfGatehouseAsync(returnUrl));
        return group;
    }

    /// <summary>The form field naming the organization to switch to (empty or absent: Gatehouse's picker).</summary>
    public const string OrganizationIdField = "organizationId";

    /// <summary>The form field naming where to come back to (a local path).</summary>
    public const string ReturnUrlField = "returnUrl";

    // A switch replaces the person's session, so another site must not be able to make one: it is a POST (a link or an image
    // cannot send it) carrying the antiforgery token of a page of this product (another site cannot read it).
    private static async Task SwitchPostedAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            await Refuse(http, "antiforgery_failed", "The switch was not sent from a page of this product (its antiforgery token is missing or wrong). Use the product's Switch organisation button.");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var id = form[OrganizationIdField].ToString();
        Guid? organizationId = null;
        if (id.Length > 0)
        {
            if (!Guid.TryParse(id, out var parsed))
            {
                await Refuse(http, "invalid_organization_id", "organizationId must be an organization's id (a GUID), or empty to choose on Gatehouse's page.");
                return;
            }
            organizationId = parsed;
        }
        await http.SwitchOrganizationAsync(organizationId, form[ReturnUrlField].ToString());
    }

    private static Task Refuse(HttpContext http, string code, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Organization not switched", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(http);

    /// <summary>
    /// Signs the person in again for <paramref name="organizationId"/> (the <c>organization</c> parameter), or lets them pick one
    /// on Gatehouse's page when null; the new session replaces the current one, and they come back to <paramref name="returnUrl"/>.
    /// Call it only from a request another site cannot make (a POST validated by antiforgery, as <c>MapGatehouse()</c>'s).
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
