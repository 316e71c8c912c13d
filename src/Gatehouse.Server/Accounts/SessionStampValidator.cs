using System.Security.Claims;
using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Identity's check of the session cookie on every request (<see cref="GatehouseSignInManager"/>: the security stamp and the
/// eligibility rule against the database), without writing the cookie again when nothing in it changed. Identity re-issues
/// the cookie each time it checks it, which with a check on every request means every page and every authorization request
/// encrypts and sends the whole ticket back. The check itself is unchanged: a session that fails it is refused at once.
/// </summary>
/// <remarks>
/// The request always runs with the claims just read from the database (Identity's own replacement). The cookie is written
/// again only when those claims differ from the ones it carries (a new name, time zone or operator flag), or when it was issued
/// more than <see cref="RenewAfter"/> ago, so each request still extends the session as before, to within that minute.
/// </remarks>
public sealed class SessionStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<User> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<User>(options, signInManager, logger)
{
    /// <summary>How old a session cookie is before a request writes it again with a later expiry.</summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    protected override async Task SecurityStampVerified(User user, CookieValidatePrincipalContext context)
    {
        var carried = context.Principal;
        var issued = context.Properties.IssuedUtc;
        await base.SecurityStampVerified(user, context);
        if (context.ShouldRenew && issued is { } at && TimeProvider.GetUtcNow() - at < RenewAfter && SameClaims(carried, context.Principal))
        {
            context.ShouldRenew = false;
        }
    }

    private static int Ordinal((string Type, string Value) x, (string Type, string Value) y) =>
        string.CompareOrdinal(x.Type, y.Type) is var byType and not 0 ? byType : string.CompareOrdinal(x.Value, y.Value);

    /// <summary>Whether two principals carry the same claims (type and value), in any order.</summary>
    private static bool SameClaims(ClaimsPrincipal? a, ClaimsPrincipal? b)
    {
        if (a is null || b is null)
        {
            return false;
        }
        var left = a.Claims.Select(c => (c.Type, c.Value)).ToList();
        var right = b.Claims.Select(c => (c.Type, c.Value)).ToList();
        if (left.Count != right.Count)
        {
            return false;
        }
        left.Sort(Ordinal);
        right.Sort(Ordinal);
        return left.SequenceEqual(right);
    }
}
