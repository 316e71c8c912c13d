using System.Security.Claims;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Identity's sign-in manager with Gatehouse's session rule: a session stays valid only while its security
/// stamp matches and the person may still sign in (<see cref="SignInEligibility"/>). The cookie is checked on
/// every request, so a password change, an erasure or a deactivation ends it at the next request.
/// </summary>
public sealed class GatehouseSignInManager(
    UserManager<User> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    SignInEligibility eligibility)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <inheritdoc/>
    public override async Task<User?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        // As Identity's own check (the account the session names, its security stamp), with the eligibility rule read in the same query.
        if (principal is null || !Guid.TryParse(UserManager.GetUserId(principal), out var userId))
        {
            return null;
        }
        var (user, refusal) = await eligibility.SessionAsync(userId);
        return user is not null && refusal is null
            && await ValidateSecurityStampAsync(user, principal.FindFirstValue(Options.ClaimsIdentity.SecurityStampClaimType))
            ? user
            : null;
    }
}

/// <summary>The claims of a session: Identity's (id, email, security stamp) and the <see cref="Caller"/> claims the rest of Gatehouse reads.</summary>
public sealed class GatehouseClaimsFactory(UserManager<User> userManager, IOptions<IdentityOptions> options, SignInEligibility eligibility)
    : UserClaimsPrincipalFactory<User>(userManager, options)
{
    /// <inheritdoc/>
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var isOperator = await eligibility.IsOperatorAsync(user.Id);
        foreach (var claim in new Caller(user.Id, user.DisplayName, isOperator, null, null).ToPrincipal("session").Claims)
        {
            identity.AddClaim(claim);
        }
        // The console shows times in the zone the person chose; carried in the session so no page reads the user for it.
        if (user.TimeZone is { } zone)
        {
            identity.AddClaim(new Claim(Components.ConsoleTime.ZoneClaim, zone));
        }
        return identity;
    }
}
