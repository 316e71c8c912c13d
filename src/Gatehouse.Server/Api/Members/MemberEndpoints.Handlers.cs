using Gatehouse.Application;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Members;
using Gatehouse.Application.Paging;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Members;

// Each route: the request to a command or query, the handler's result to HTTP.
public static partial class MemberEndpoints
{
    private static async Task<Results<Ok<Page<MemberDto>>, ProblemHttpResult>> ListAsync(Guid organizationId, HttpContext context, ListMembersHandler handler,
        Guid? scopeId, string? role, string? type, string? status, bool? fullAccess, string? q, string? sort, string? cursor, int? limit,
        bool? includeServiceAccounts, bool? emailVerified)
    {
        var query = new ListMembersQuery(organizationId, scopeId, role, type, status, fullAccess, q, sort, cursor, limit, includeServiceAccounts == true, emailVerified);
        var result = await handler.HandleAsync(context.Actor(), query, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<MemberDto>, ProblemHttpResult>> GetAsync(Guid organizationId, Guid memberId, HttpContext context, GetMemberHandler handler)
    {
        var result = await handler.HandleAsync(context.Actor(), new GetMemberQuery(organizationId, memberId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> ReplaceAccessAsync(Guid organizationId, Guid memberId, ReplaceAccessBody body,
        HttpContext context, ReplaceMemberAccessHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(),
            new ReplaceMemberAccessCommand(organizationId, memberId, body.Version, body.Grants, body.FullAccess, body.InlineRole), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> AddToScopeAsync(Guid organizationId, Guid memberId, AddToScopeBody body,
        HttpContext context, AddMemberToScopeHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(),
            new AddMemberToScopeCommand(organizationId, memberId, body.ScopeId, body.RoleKey), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> AddByEmailAsync(Guid organizationId, AddByEmailBody body,
        HttpContext context, AddMemberByEmailHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(),
            new AddMemberByEmailCommand(organizationId, body.Email, body.ScopeId, body.RoleKey), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> RemoveFromScopeAsync(Guid organizationId, Guid memberId, Guid scopeId,
        HttpContext context, RemoveMemberFromScopeHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(), new RemoveMemberFromScopeCommand(organizationId, memberId, scopeId), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> ChangeDetailsAsync(Guid organizationId, Guid memberId, DetailsBody body,
        HttpContext context, ChangeMemberDetailsHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(),
            new ChangeMemberDetailsCommand(organizationId, memberId, body.FirstName, body.LastName, body.Phone), CancellationToken.None));

    private static async Task<Results<Ok<VerificationSent>, ProblemHttpResult>> ResendVerificationAsync(Guid organizationId, Guid memberId,
        HttpContext context, ResendMemberVerificationHandler handler)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new ResendMemberVerificationCommand(organizationId, memberId), CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> DeactivateAsync(Guid organizationId, Guid memberId,
        HttpContext context, DeactivateMemberHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(), new DeactivateMemberCommand(organizationId, memberId), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> ReactivateAsync(Guid organizationId, Guid memberId,
        HttpContext context, ReactivateMemberHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(), new ReactivateMemberCommand(organizationId, memberId), CancellationToken.None));

    private static async Task<Results<Ok<MemberDto>, NoContent, ProblemHttpResult>> ChangeOwnerAsync(Guid organizationId, Guid memberId, OwnerBody body,
        HttpContext context, ChangeOwnershipHandler handler) =>
        Answer(await handler.HandleAsync(context.Actor(), context.Origin(), new ChangeOwnershipCommand(organizationId, memberId, body.Owner), CancellationToken.None));

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid organizationId, Guid memberId, HttpContext context, RemoveMemberHandler handler)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new RemoveMemberCommand(organizationId, memberId), CancellationToken.None);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccountAsync(Guid organizationId, Guid memberId, HttpContext context, DeleteMemberAccountHandler handler)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new DeleteMemberAccountCommand(organizationId, memberId), CancellationToken.None);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }

    /// <summary>A change's answer: the member as they are now, 204 when the caller no longer sees them, or the problem.</summary>
    private static Results<Ok<MemberDto>, NoContent, ProblemHttpResult> Answer(Result<MemberDto?> result) =>
        !result.Succeeded ? result.Failure.ToProblem()
        : result.Value is { } member ? TypedResults.Ok(member)
        : TypedResults.NoContent();
}
