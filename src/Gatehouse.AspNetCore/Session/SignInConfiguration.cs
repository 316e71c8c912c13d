using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Session;

/// <summary>ASP.NET Core's OpenIdConnect handler set up for Gatehouse (docs/oidc.md, "ASP.NET Core's OpenIdConnect handler").</summary>
internal sealed class SignInConfiguration(IOptions<GatehouseOptions> gatehouse, IHttpClientFactory clients) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    /// <summary>The authentication property naming the organization to sign in to (<c>organization</c> parameter).</summary>
    internal const string OrganizationItem = ".gatehouse.organization";

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != GatehouseDefaults.OpenIdConnectScheme)
        {
            return;
        }
        var settings = gatehouse.Value;
        options.Authority = settings.Authority?.AbsoluteUri;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.SignInScheme = GatehouseDefaults.CookieScheme;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SaveTokens = true;
        options.Scope.Add("email");
        options.Scope.Add("offline_access");
        // Claims keep Gatehouse's names (sub, name, org_id, org_name, roles), so User.Identity.Name and IsInRole work as is.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = GatehouseClaimTypes.Name;
        options.TokenValidationParameters.RoleClaimType = GatehouseClaimTypes.Role;
        options.Backchannel = clients.CreateClient(GatehouseDefaults.OidcHttpClient);
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // Set before the handler pushes the request (PAR), so the organization travels in it.
            if (context.Properties.Items.TryGetValue(OrganizationItem, out var organization) && organization is not null)
            {
                context.ProtocolMessage.SetParameter(GatehouseDefaults.OrganizationParameter, organization);
            }
            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = async context =>
        {
            // Gatehouse refused the sign-in (access_denied: deactivated in, or not a member of, the organization asked for):
            // say why instead of an exception page. The handler checked the state first, so the sentence is Gatehouse's.
            context.HandleResponse();
            var why = context.Failure?.Data["error_description"] as string ?? "Gatehouse did not sign you in.";
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign-in refused", detail: why,
                extensions: new Dictionary<string, object?> { ["code"] = "sign_in_refused" }).ExecuteAsync(context.HttpContext);
        };
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);
}
