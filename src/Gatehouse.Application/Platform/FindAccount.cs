using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Platform;

/// <summary>Which accounts to find.</summary>
/// <param name="Email">The email address to look for.</param>
public sealed record FindAccountQuery(string? Email);

/// <summary>One membership of a user.</summary>
public sealed record PlatformMembershipDto(Guid OrganizationId, Guid MemberId, MemberStatus Status);

/// <summary>A user as platform operators see it.</summary>
public sealed record PlatformUserDto(Guid Id, UserKind Kind, string Email, string FirstName, string LastName, DateTimeOffset CreatedAt,
    DateTimeOffset? ErasedAt, IReadOnlyList<PlatformMembershipDto> Memberships);

/// <summary>Finds users by email across organizations (platform operators); an empty list when there is none.</summary>
public sealed class FindAccountHandler(GatehouseDb db)
{
    /// <summary>The users with that email and their memberships, or why not.</summary>
    public async Task<Result<List<PlatformUserDto>>> HandleAsync(Actor actor, FindAccountQuery query, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(PlatformCodes.PlatformOperatorRequired, "Only the product's platform operators look users up across organizations.");
        }
        if (string.IsNullOrWhiteSpace(query.Email))
        {
            return Failure.Invalid("email", PlatformCodes.ValidationFailed, "Give the email address to look for, e.g. ?email=ann@example.com.");
        }
        if (EmailAddress.Validate(query.Email).Error is { } invalid)
        {
            return Failure.Invalid("email", PlatformCodes.ValidationFailed, invalid.Message);
        }
        var normalized = EmailAddress.Normalize(query.Email);
        var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var memberships = await db.Members.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.OrganizationId, m.Id, m.Status }).ToListAsync(cancellationToken);
        return users.Select(u => new PlatformUserDto(u.Id, u.Kind, u.Email, u.FirstName, u.LastName, u.CreatedAt, u.ErasedAt,
            [.. memberships.Where(m => m.UserId == u.Id).Select(m => new PlatformMembershipDto(m.OrganizationId, m.Id, m.Status))])).ToList();
    }
}
