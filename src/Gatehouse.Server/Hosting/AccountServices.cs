using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Sign-in for people: ASP.NET Core Identity over Gatehouse's users table, a session cookie for the pages, and
/// the Data Protection key ring in the database. The REST API under <c>/api</c> takes API keys and the provider's
/// access tokens (both sent as bearer tokens), never the session cookie, so it can never serve a cross-site API call.
/// </summary>
public static class AccountServices
{
    /// <summary>The scheme that picks API keys for <c>/api</c> and the session cookie everywhere else.</summary>
    public const string Scheme = "Gatehouse";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "gatehouse.session";

    /// <summary>Registers Identity, the cookie, Data Protection and the sign-in rules.</summary>
    public static void AddAccounts(this IServiceCollection services, GatehouseOptions options)
    {
        services.AddDataProtection().SetApplicationName("gatehouse").PersistKeysToDbContext<GatehouseDb>().ProtectKeysWithConfiguredCertificate(options.KeyRing);

        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>();
        services.AddScoped<SignInEligibility>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountEvents>();
        services.AddSingleton<UnknownAccountPassword>();
        services.AddSingleton<PasswordHashGate>();
        services.AddIdentityCore<User>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = options.Accounts.MinimumPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 4;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = options.Accounts.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.Accounts.LockoutMinutes);
                identity.ClaimsIdentity.UserIdClaimType = System.Security.Claims.ClaimTypes.NameIdentifier;
            })
            .AddUserStore<GatehouseUserStore>()
            .AddPasswordValidator<PasswordRules>()
            .AddSignInManager<GatehouseSignInManager>()
            .AddClaimsPrincipalFactory<GatehouseClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(options.Accounts.TokenLifetimeHours));
        // The cookie is checked against the database on every request: deactivation and password changes end sessions at once.
        services.Configure<SecurityStampValidatorOptions>(validator => validator.ValidationInterval = TimeSpan.Zero);
        // The same check, without writing the cookie again on every request when nothing in it changed.
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SessionStampValidator>());

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or a person's access token for /api, session cookie for pages", policy =>
                policy.ForwardDefaultSelector = context =>
                    !context.Request.Path.StartsWithSegments("/api") ? IdentityConstants.ApplicationScheme
                    // An API key starts with ghk_; any other bearer token can only be an access token of the provider, when it is on.
                    : options.Oidc.Enabled && AccessTokenAuthenticationHandler.CarriesAccessToken(context.Request) ? AccessTokenAuthenticationHandler.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = options.PublicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true
                    ? CookieSecurePolicy.Always
                    : CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/sign-in";
                cookie.LogoutPath = "/account/sign-out";
                cookie.AccessDeniedPath = "/account/sign-in";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(options.Accounts.SessionHours);
                cookie.SlidingExpiration = true;
                // Signing in on the sign-in page follows its ReturnUrl: only to a path here, encoded to ASCII.
                cookie.Events.OnRedirectToReturnUrl = context =>
                {
                    context.Response.Redirect(ReturnUrls.Local(context.RedirectUri));
                    return Task.CompletedTask;
                };
            }));
    }
}
