using Gatehouse.Core.Invitations;
using Gatehouse.Server.Application.Invitations;
using Gatehouse.Server.Hosting;
using Gatehouse.Application.Invitations;

namespace Gatehouse.Server.Api;

/// <summary>
/// The public side of an invitation: looking it up and accepting it with the emailed token, without an API key.
/// The rules live in <see cref="AcceptInvitation"/>, shared with the accept page. Possession of the token proves the
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
            .WithSummary("Shows an invitation by its emailed token (no API key): organization, inviter, offered access, status, and whether the email already has an account.")
            .Produces<InvitationLookupDto>().ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/accept", AcceptAsync).AllowAnonymous().RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithSummary("Accepts an invitation with its emailed token (no API key). Without an account, send firstName, lastName and password; with one, only the token: the account is attached.")
            .Produces<AcceptedDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
    }

    internal static async Task<IResult> LookupAsync(LookupRequest request, AcceptInvitation acceptance, HttpContext context)
    {
        var (offer, refusal) = await acceptance.LookupAsync(request.Token, context.RequestAborted);
        return offer is null
            ? refusal!.ToResult()
            : TypedResults.Ok(new InvitationLookupDto(offer.OrganizationName, offer.Email, offer.InviterName, offer.FullAccess, offer.Grants, offer.Status, offer.ExpiresAt, offer.AccountExists));
    }

    internal static async Task<IResult> AcceptAsync(AcceptRequest request, AcceptInvitation acceptance)
    {
        var (accepted, refusal) = await acceptance.AcceptAsync(new AcceptInvitationRequest(request.Token, request.FirstName, request.LastName, request.Password));
        return accepted is null
            ? refusal!.ToResult()
            : TypedResults.Created($"/api/v1/organizations/{accepted.OrganizationId}/members/{accepted.MemberId}",
                new AcceptedDto(accepted.OrganizationId, accepted.MemberId, accepted.UserId, accepted.AccountCreated));
    }
}
