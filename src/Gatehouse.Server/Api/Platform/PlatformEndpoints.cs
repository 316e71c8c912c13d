using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>Platform operators' tools that span organizations: finding a user and erasing an account.</summary>
public static class PlatformEndpoints
{
    /// <summary>One membership of a user.</summary>
    public sealed record PlatformMembershipDto(Guid OrganizationId, Guid MemberId, MemberStatus Status);

    /// <summary>A user as platform operators see it.</summary>
    public sealed record PlatformUserDto(Guid Id, UserKind Kind, string Email, string FirstName, string LastName, DateTimeOffset CreatedAt,
        DateTimeOffset? ErasedAt, IReadOnlyList<PlatformMembershipDto> Memberships);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/platform/users").WithTags("Platform").ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", FindAsync)
            .WithSummary("Finds users by email (platform operators); an empty list when there is none.")
            .Produces<List<PlatformUserDto>>();

        group.MapDelete("/{userId:guid}", EraseAsync)
            .WithSummary("Erases an account (platform operators): removes its memberships, grants, API keys and invitations, "
                + "and replaces the person's email, names and phone by a pseudonym everywhere, including the audit log.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static Task<IResult> EraseAsync(Guid userId, HttpContext context, AccountErasure erasure) =>
        erasure.EraseAsync(userId, context.Caller(), context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);

    internal static async Task<IResult> FindAsync(string? email, HttpContext context, GatehouseDb db)
    {
        if (!context.Caller().IsPlatformOperator)
        {
            return Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators look users up across organizations.");
        }
        if (string.IsNullOrWhiteSpace(email))
        {
            return Problems.Invalid("email", ProblemCodes.ValidationFailed, "Give the email address to look for, e.g. ?email=ann@example.com.");
        }
        if (EmailAddress.Validate(email).Error is { } invalid)
        {
            return Problems.Invalid("email", ProblemCodes.ValidationFailed, invalid.Message);
        }
        var normalized = EmailAddress.Normalize(email);
        var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ToListAsync(context.RequestAborted);
        var ids = users.Select(u => u.Id).ToList();
        var memberships = await db.Members.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.OrganizationId, m.Id, m.Status }).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(users.Select(u => new PlatformUserDto(u.Id, u.Kind, u.Email, u.FirstName, u.LastName, u.CreatedAt, u.ErasedAt,
            [.. memberships.Where(m => m.UserId == u.Id).Select(m => new PlatformMembershipDto(m.OrganizationId, m.Id, m.Status))])).ToList());
    }
}

/// <summary>Problem codes of the platform endpoints.</summary>
public static class PlatformProblemCodes
{
    /// <summary>An operator tried to erase their own account.</summary>
    public const string CannotEraseSelf = "cannot_erase_self";

    /// <summary>The account was erased before.</summary>
    public const string AlreadyErased = "user_already_erased";
}
