using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Whether a person whose password is right may have a session: a platform operator always, anyone else only
/// with at least one active membership (and a verified email where the access model requires it). Checked at
/// sign-in and again on every request that carries a session cookie, so deactivation ends sessions at once.
/// </summary>
public sealed class SignInEligibility(GatehouseDb db, AccessModel model)
{
    /// <summary>
    /// A sentence saying why the user may not sign in now, or null when they may. Without
    /// <paramref name="requireVerifiedEmail"/> the email-verification policy is left out: that is who may receive
    /// account emails (a reset or verification link is how an unverified address gets verified).
    /// </summary>
    public Task<string?> RefusalAsync(User user, CancellationToken cancellationToken, bool requireVerifiedEmail = true) =>
        RefusalAsync(user, null, requireVerifiedEmail, cancellationToken);

    /// <summary>
    /// The account behind a session, and why it may no longer have one (null when it may), in one query: the session is checked on
    /// every request that carries it (<see cref="GatehouseSignInManager"/>). The account is tracked, as Identity's own lookup returns
    /// it; null when there is no such person's account any more.
    /// </summary>
    public async Task<(User? User, string? Refusal)> SessionAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var found = await ById.For(db)(db, userId, cancellationToken);
        if (found is null)
        {
            return (null, null);
        }
        _operator = (userId, found.IsOperator);
        return (found.User, await RefusalAsync(found.User, found.HasActiveMembership, requireVerifiedEmail: true, cancellationToken));
    }

    /// <summary>
    /// The account with this normalized email, tracked (as Identity's lookup by email returns it), or null; whether it is an operator and
    /// has an active membership are read in the same query and answer this request's <see cref="RefusalAsync(User, CancellationToken, bool)"/>
    /// and <see cref="IsOperatorAsync"/> for it: a sign-in asks all three, one right after the other.
    /// </summary>
    public async Task<User?> AccountByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        var found = await ByEmail.For(db)(db, normalizedEmail, cancellationToken);
        if (found is null)
        {
            return null;
        }
        _operator = (found.User.Id, found.IsOperator);
        _activeMembership = (found.User.Id, found.HasActiveMembership);
        return found.User;
    }

    private (Guid UserId, bool HasActiveMembership)? _activeMembership;

    /// <summary>An account as a sign-in or a session's check reads it: tracked, with the two facts the eligibility rule asks.</summary>
    private sealed record AccountRow(User User, bool IsOperator, bool HasActiveMembership);

    // Both lookups run on every sign-in or request with a session.
    private static readonly PerModelQuery<Func<GatehouseDb, Guid, CancellationToken, Task<AccountRow?>>> ById = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, Guid userId, CancellationToken _) => db.Users.Where(GatehouseUserStore.IsPerson).Where(u => u.Id == userId)
            .Select(u => new AccountRow(u, db.PlatformOperators.Any(o => o.UserId == u.Id), db.Members.Any(m => m.UserId == u.Id && m.Status == MemberStatus.Active)))
            .SingleOrDefault()));

    private static readonly PerModelQuery<Func<GatehouseDb, string, CancellationToken, Task<AccountRow?>>> ByEmail = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, string normalizedEmail, CancellationToken _) => db.Users.Where(GatehouseUserStore.IsPerson).Where(u => u.NormalizedEmail == normalizedEmail)
            .Select(u => new AccountRow(u, db.PlatformOperators.Any(o => o.UserId == u.Id), db.Members.Any(m => m.UserId == u.Id && m.Status == MemberStatus.Active)))
            .SingleOrDefault()));

    private async Task<string?> RefusalAsync(User user, bool? hasActiveMembership, bool requireVerifiedEmail, CancellationToken cancellationToken)
    {
        if (hasActiveMembership is null && _activeMembership is { } known && known.UserId == user.Id)
        {
            hasActiveMembership = known.HasActiveMembership;
        }
        if (await IsOperatorAsync(user.Id, cancellationToken))
        {
            return null;
        }
        if (!(hasActiveMembership ?? await db.Members.AnyAsync(m => m.UserId == user.Id && m.Status == MemberStatus.Active, cancellationToken)))
        {
            return await NoActiveMembershipAsync(user, cancellationToken);
        }
        if (requireVerifiedEmail && model.Policies.EmailVerificationRequired && user.EmailVerifiedAt is null)
        {
            return $"Verify your email address first: open the link we sent to {user.Email}, or ask for a new one from the sign-in page.";
        }
        return null;
    }

    /// <summary>
    /// Whether the user is a platform operator, asked of the database once per request: a request with a session asks it for the
    /// session's check and again for the session's claims (<see cref="GatehouseClaimsFactory"/>).
    /// </summary>
    public async Task<bool> IsOperatorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (_operator is { } known && known.UserId == userId)
        {
            return known.IsOperator;
        }
        var isOperator = await db.PlatformOperators.AnyAsync(o => o.UserId == userId, cancellationToken);
        _operator = (userId, isOperator);
        return isOperator;
    }

    private (Guid UserId, bool IsOperator)? _operator;

    private async Task<string> NoActiveMembershipAsync(User user, CancellationToken cancellationToken)
    {
        var organizations = await (from m in db.Members
                                   join o in db.Organizations on m.OrganizationId equals o.Id
                                   where m.UserId == user.Id
                                   select o.Name).ToListAsync(cancellationToken);
        return organizations.Count == 0
            ? $"This account is not a member of any {model.OrganizationLabel} any more. Ask an administrator to invite you again."
            : $"Your access to {string.Join(", ", organizations.Order(StringComparer.Ordinal))} was deactivated, so you cannot sign in. Ask an administrator there to reactivate you.";
    }
}
