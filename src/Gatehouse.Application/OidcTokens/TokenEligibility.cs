using Gatehouse.Application.Access;
using Gatehouse.Application.Organizations;
using Gatehouse.Core.Members;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.OidcTokens;

/// <summary>Who a product's tokens describe: the person, the one organization they act in, and their roles there (never permissions).</summary>
/// <param name="UserId">The person (<c>sub</c>).</param>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="DisplayName">Full name.</param>
/// <param name="Email">Email address.</param>
/// <param name="EmailVerified">Whether the address was verified.</param>
/// <param name="OrganizationId">The organization (<c>org_id</c>).</param>
/// <param name="OrganizationName">Its name (<c>org_name</c>).</param>
/// <param name="Roles">The names of the person's roles there, anywhere in it.</param>
public sealed record TokenIdentity(Guid UserId, string FirstName, string LastName, string DisplayName, string Email, bool EmailVerified,
    Guid OrganizationId, string OrganizationName, IReadOnlyList<string> Roles);

/// <summary>An organization someone may pick for a sign-in.</summary>
/// <param name="Id">The organization.</param>
/// <param name="Name">Its name.</param>
public sealed record OrganizationChoice(Guid Id, string Name);

/// <summary>
/// The one rule for tokens: no active membership in the organization (or a paused or erased account), no tokens. Asked at
/// authorization, on every code redemption and refresh, on userinfo and on introspection, so a deactivation applies at once.
/// </summary>
public sealed class TokenEligibility(GatehouseDb db, AccessCache cache, OrganizationNames names, TimeProvider time)
{
    /// <summary>The identity to put in tokens, or why the person gets none for that organization.</summary>
    public async Task<Result<TokenIdentity>> ForPersonAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        // The organizations this request already listed for the person (ActiveOrganizationsAsync) answer without a second read.
        var found = _active is { UserId: var listed, Memberships: var memberships } && listed == userId
                && memberships.FirstOrDefault(m => m.OrganizationId == organizationId) is { } active
            ? active
            : (await MembershipsAsync(userId, cancellationToken)).SingleOrDefault(m => m.OrganizationId == organizationId);
        if (found is null || found.User.ErasedAt is not null)
        {
            return Failure.Forbidden(OidcTokenCodes.NotAMember,
                "This account is not a member of that organization, so it gets no tokens for it. Ask an administrator there to invite you, or pick another organization.");
        }
        if (found.Status != MemberStatus.Active)
        {
            return Failure.Forbidden(OidcTokenCodes.MembershipDeactivated,
                $"Your access to {found.OrganizationName} was deactivated, so you cannot sign in to it. Ask an administrator there to reactivate you.");
        }
        if (found.User.IsLockedAt(time.GetUtcNow()))
        {
            return Failure.Forbidden(OidcTokenCodes.AccountPaused, "Sign-in for this account is paused after too many failed attempts. Try again later.");
        }
        var user = found.User;
        return new TokenIdentity(user.Id, user.FirstName, user.LastName, user.DisplayName, user.Email, user.EmailVerifiedAt is not null,
            organizationId, found.OrganizationName, await RoleNamesAsync(userId, organizationId, cancellationToken));
    }

    /// <summary>The organization a client acting as its service gets tokens for (its name, kept in memory), or why not.</summary>
    public async Task<Result<string>> ForServiceAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await names.GetAsync(db, organizationId, cancellationToken) is { } name
            ? name
            : Failure.Forbidden(OidcTokenCodes.OrganizationGone, "The organization this client acts for no longer exists. Register the client again for an existing organization.");

    /// <summary>The organizations where the person is an active member, by name.</summary>
    /// <remarks>Read with the person's account, so that <see cref="ForPersonAsync"/> for one of them, next in the same request, reads nothing.</remarks>
    public async Task<List<OrganizationChoice>> ActiveOrganizationsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var memberships = (await MembershipsAsync(userId, cancellationToken)).Where(m => m.Status == MemberStatus.Active).ToList();
        _active = (userId, memberships);
        return [.. memberships.Select(m => new OrganizationChoice(m.OrganizationId, m.OrganizationName))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Id)];
    }

    private (Guid UserId, List<Membership> Memberships)? _active;

    /// <summary>The person's memberships (a few rows) with their account and each organization's name.</summary>
    private async Task<List<Membership>> MembershipsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var memberships = new List<Membership>();
        await foreach (var membership in Memberships.For(db)(db, userId).WithCancellation(cancellationToken))
        {
            memberships.Add(membership);
        }
        return memberships;
    }

    // Asked on every authorization, code redemption, refresh, userinfo and introspection.
    private static readonly PerModelQuery<Func<GatehouseDb, Guid, IAsyncEnumerable<Membership>>> Memberships = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, Guid userId) =>
            from m in db.Members.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
            where m.UserId == userId
            select new Membership { OrganizationId = m.OrganizationId, Status = m.Status, User = u, OrganizationName = o.Name }));

    /// <summary>A membership with its account and organization's name (set by member initialization, so queries can filter on it).</summary>
    private sealed class Membership
    {
        public required Guid OrganizationId { get; init; }

        public required MemberStatus Status { get; init; }

        public required Core.Users.User User { get; init; }

        public required string OrganizationName { get; init; }
    }

    private async Task<IReadOnlyList<string>> RoleNamesAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(organizationId, cancellationToken) is not { } compiled || compiled.FindMemberByUser(userId) is not { } member)
        {
            return [];
        }
        return [.. member.Grants.Select(g => compiled.FindRole(g.RoleKey)?.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
