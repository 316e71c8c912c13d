using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Server.Accounts;

/// <summary>Account actions that have no page of their own.</summary>
public static class AccountEndpoints
{
    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app) =>
        // A form post with its antiforgery token, never a link: a link could sign people out from another site.
        app.MapPost("/account/sign-out", async (HttpContext context, IAntiforgery antiforgery, SignInManager<User> signIn) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.Redirect("/account/sign-in?formExpired=1");
                }
                await signIn.SignOutAsync();
                return Results.Redirect("/account/sign-in?signedOut=1");
            })
            .ExcludeFromDescription()
            .AllowAnonymous();
}
