using Gatehouse.Application.Invitations;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Invitations;

/// <summary>
/// The public side of an invitation: looking it up and accepting it with the emailed token, without an API key.
/// The rules live in Gatehouse.Application.Invitations (LookupInvitationHandler, AcceptInvitationHandler), shared with the accept page. Possession of the token proves the
/// email address (it was only ever sent there); an existing account with that email is attached with the token alone.
/// The token travels in request bodies, never in URLs of this API, so request logs do not record it.
/// </summary>
public static class InvitationAcceptance
{
    /// <summary>A token to look up.</summary>
    public sealed record LookupRequest(string Token);

    /// <summary>Accepting: the token, and for someone without an account a password (12 to 200 characters, passing the password rules) and their name (defaults: the name the inviter typed).</summary>
    public sealed record AcceptRequest(string Token, string? FirstName, string? LastName, string? Password);

    /// <summary>What the accept page shows before the invitee decides.</summary>
    public sealed record InvitationLookupDto(string OrganizationName, string Email, string InviterName, bool FullAccess,
        IReadOnlyList<InvitationGrantDto> Grants, InvitationStatus Status, DateTimeOffset ExpiresAt, bool AccountExists);

    /// <summary>The membership an accepted invitation made.</summary>
    public sealed record AcceptedDto(Guid OrganizationId, Guid MemberId, Guid UserId, bool AccountCreated);

    /// <summary>Maps the endpoints (anonymous).</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invitations").WithTags("Invitations");

        group.MapPost("/lookup", LookupAsync).AllowAnonymous().RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithName("lookupInvitation")
            .WithSummary("Shows an invitation by its emailed token (no API key): organization, inviter, offered access, status, and whether the email already has an account.")
            .WithDescription("The token travels in the body, never in the URL, so request logs do not record it. A malformed token answers 400; "
                + "a token no invitation holds answers 410 invitation_token_invalid. An expired, withdrawn or used invitation is still shown, with its status.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/accept", AcceptAsync).AllowAnonymous().RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithName("acceptInvitation")
            .WithSummary("Accepts an invitation with its emailed token (no API key). Without an account, send firstName, lastName and password; with one, only the token: the account is attached.")
            .WithDescription("Possession of the token proves the email address. Makes the membership with the invited access and records one audit event; "
                + "an expired or withdrawn invitation answers 410, a used one, an existing membership or a full organization 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<Results<Ok<InvitationLookupDto>, ProblemHttpResult>> LookupAsync(LookupRequest request, LookupInvitationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(new LookupInvitationQuery(request.Token), context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Failure.ToProblem();
        }
        var offer = result.Value;
        return TypedResults.Ok(new InvitationLookupDto(offer.OrganizationName, offer.Email, offer.InviterName, offer.FullAccess, offer.Grants, offer.Status, offer.ExpiresAt, offer.AccountExists));
    }

    private static async Task<Results<Created<AcceptedDto>, ProblemHttpResult>> AcceptAsync(AcceptRequest request, AcceptInvitationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Origin(), new AcceptInvitationCommand(request.Token, request.FirstName, request.LastName, request.Password),
            CancellationToken.None);
        if (!result.Succeeded)
        {
            return result.Failure.ToProblem();
        }
        var accepted = result.Value;
        return TypedResults.Created($"/api/v1/organizations/{accepted.OrganizationId}/members/{accepted.MemberId}",
            new AcceptedDto(accepted.OrganizationId, accepted.MemberId, accepted.UserId, accepted.AccountCreated));
    }
}
