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
    public async Task<string?> RefusalAsync(User user, CancellationToken cancellationToken, bool requireVerifiedEmail = true)
    {
        if (await db.PlatformOperators.AnyAsync(o => o.UserId == user.Id, cancellationToken))
        {
            return null;
        }
        // Checked on every request that carries a session: the common answer takes one small query.
        if (!await db.Members.AnyAsync(m => m.UserId == user.Id && m.Status == MemberStatus.Active, cancellationToken))
        {
            return await NoActiveMembershipAsync(user, cancellationToken);
        }
        if (requireVerifiedEmail && model.Policies.EmailVerificationRequired && user.EmailVerifiedAt is null)
        {
            return $"Verify your email address first: open the link we sent to {user.Email}, or ask for a new one from the sign-in page.";
        }
        return null;
    }

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
