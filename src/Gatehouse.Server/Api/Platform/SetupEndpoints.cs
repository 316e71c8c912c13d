using System.Net;
using Gatehouse.Application;
using Gatehouse.Application.Platform;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Server.Api.Platform;

/// <summary>The one-time setup link: a page (and a JSON twin) that creates the first platform operator (the use case is Gatehouse.Application.Platform's CompleteSetupHandler).</summary>
public static class SetupEndpoints
{
    /// <summary>What the setup API takes.</summary>
    public sealed record SetupRequest(string Token, string Email, string FirstName, string LastName, string Password);

    /// <summary>The answer: the operator and their first API key, shown once.</summary>
    public sealed record SetupResponse(Guid UserId, string ApiKey);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/setup", (HttpContext context, IAntiforgery antiforgery, [FromQuery] string? token) =>
            Html(Page(antiforgery.GetAndStoreTokens(context), token ?? string.Empty, null))).ExcludeFromDescription();

        app.MapPost("/setup", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string token, [FromForm] string email,
            [FromForm] string firstName, [FromForm] string lastName, [FromForm] string password, CompleteSetupHandler handler, SetupLinks links) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var result = await handler.HandleAsync(context.Origin(), new CompleteSetupCommand(token, email, firstName, lastName, password), context.RequestAborted);
            if (result.Succeeded)
            {
                links.Used();
                return Html(Done(result.Value, context.Origin()));
            }
            // The page's own words for a used link: it was opened from the link, not typed.
            var error = result.Failure.Kind == FailureKind.Invalid ? result.Failure.Sentence
                : "This setup link is not valid any more. Restart the server while no platform operator exists to get a new one.";
            return Html(Page(tokens, token, error), StatusCodes.Status400BadRequest);
        }).ExcludeFromDescription().RequireRateLimiting(AnonymousRateLimit.Policy);

        app.MapPost("/api/v1/setup", CompleteAsync).RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithTags("Setup")
            .WithName("completeSetup")
            .WithSummary("Creates the first platform operator with the one-time setup token printed at start-up.")
            .WithDescription("Anonymous: the token proves the caller started the server. Creates the platform operator (or makes the account with that "
                + "email one) and answers their first API key, shown only this once. A used or replaced token answers 403 invalid_setup_token.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Created<SetupResponse>, ProblemHttpResult>> CompleteAsync(SetupRequest request, CompleteSetupHandler handler,
        SetupLinks links, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Origin(),
            new CompleteSetupCommand(request.Token, request.Email, request.FirstName, request.LastName, request.Password), context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Failure.ToProblem();
        }
        links.Used();
        return TypedResults.Created($"/api/v1/users/{result.Value.UserId}", new SetupResponse(result.Value.UserId, result.Value.ApiKey));
    }

    private static IResult Html(string body, int status = StatusCodes.Status200OK) =>
        Results.Content(body, "text/html; charset=utf-8", statusCode: status);

    // Both pages use the console's stylesheet: the content security policy allows no inline style.
    private static string Page(AntiforgeryTokenSet tokens, string token, string? error) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Set up Gatehouse</title>
        <link rel="stylesheet" href="/css/gatehouse.css">
        </head><body><main><section class="card narrow">
        <h1>Set up Gatehouse</h1>
        <p>Create the first platform operator: the product support account that creates organizations.</p>
        {{(error is null ? string.Empty : $"<p class=\"notice error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
        <form method="post" action="/setup">
        <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
        <input type="hidden" name="token" value="{{WebUtility.HtmlEncode(token)}}">
        <div class="field"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required></div>
        <div class="field"><label for="firstName">First name</label><input id="firstName" name="firstName" type="text" autocomplete="given-name" required></div>
        <div class="field"><label for="lastName">Last name</label><input id="lastName" name="lastName" type="text" autocomplete="family-name" required></div>
        <div class="field"><label for="password">Password (at least 12 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required></div>
        <button type="submit" class="primary">Create platform operator</button>
        </form></section></main></body></html>
        """;

    // The address comes from the server's public URL (configured, or the one it listens on), never from the request.
    private static string Done(SetupResult result, Origin origin) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Gatehouse is set up</title>
        <link rel="stylesheet" href="/css/gatehouse.css"></head><body><main><section class="card">
        <h1>Gatehouse is set up</h1>
        <p>Your API key, shown only this once. Keep it somewhere safe:</p>
        <p><code id="api-key">{{WebUtility.HtmlEncode(result.ApiKey)}}</code></p>
        <p>Try it: <code id="try-it">curl -H "Authorization: Bearer {{WebUtility.HtmlEncode(result.ApiKey)}}" {{WebUtility.HtmlEncode(origin.LinkTo("/api/v1/me"))}}</code></p>
        <p>Next, sign in with the email and password you just chose to create organizations and invite their first administrators.</p>
        <p><a class="button primary" id="sign-in" href="{{WebUtility.HtmlEncode(origin.LinkTo("/account/sign-in"))}}">Sign in</a></p>
        </section></main></body></html>
        """;
}
