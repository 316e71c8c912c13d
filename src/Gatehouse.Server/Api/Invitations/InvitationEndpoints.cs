using Gatehouse.Application.Invitations;
using Gatehouse.Application.Paging;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Invitations;

/// <summary>Invitations of an organization over REST: send, list, resend, revoke (the use cases are in Gatehouse.Application.Invitations); accepting is in <see cref="InvitationAcceptance"/>.</summary>
public static class InvitationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/invitations").WithTags("Invitations")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", SendAsync).WithName("sendInvitations")
            .WithSummary("Invite people")
            .WithDescription("Invites 1 to 50 people by email with the same grants and full-access flag; all or nothing. Each gets an email with a one-time link.")
            .ProducesManagementRefusals();

        group.MapGet("/", ListAsync).WithName("listInvitations")
            .WithSummary("List invitations")
            .WithDescription("Lists invitations, newest first, in cursor pages: pending by default, or by 'status' (pending, accepted, revoked, expired, all). Each caller sees the invitations offering access where they hold 'members.view' or 'members.invite'.")
            .WithParameterValues("status", ListInvitationsQuery.Statuses)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{invitationId:guid}/resend", ResendAsync).WithName("resendInvitation")
            .WithSummary("Resend an invitation")
            .WithDescription("Sends a pending or expired invitation again with a new link and a new expiry (needs what sending it needs); the old link stops working.")
            .ProducesManagementRefusals().ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/{invitationId:guid}/revoke", RevokeAsync).WithName("revokeInvitation")
            .WithSummary("Revoke an invitation")
            .WithDescription("Withdraws a pending or expired invitation (needs what sending it needs: 'members.invite' at every place it offers, each offered role within the caller's own there, full access for a full-access offer); its link stops working and its seat is freed.")
            .ProducesManagementRefusals();

        InvitationAcceptance.Map(api);
    }

    private static async Task<Results<Created<List<InvitationDto>>, ProblemHttpResult>> SendAsync(Guid organizationId, CreateInvitationsRequest request,
        SendInvitationsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), organizationId, request, CancellationToken.None);
        return result.Succeeded ? TypedResults.Created($"/api/v1/organizations/{organizationId}/invitations", result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<Page<InvitationDto>>, ProblemHttpResult>> ListAsync(Guid organizationId, string? status, string? cursor, int? limit,
        ListInvitationsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListInvitationsQuery(organizationId, status, cursor, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> ResendAsync(Guid organizationId, Guid invitationId,
        ResendInvitationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new ResendInvitationCommand(organizationId, invitationId), CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> RevokeAsync(Guid organizationId, Guid invitationId,
        RevokeInvitationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new RevokeInvitationCommand(organizationId, invitationId), CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
