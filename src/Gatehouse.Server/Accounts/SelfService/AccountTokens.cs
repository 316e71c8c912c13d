using System.Text;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Accounts.SelfService;

/// <summary>Identity's tokens as they travel in emailed links: Base64Url, so they survive a query string untouched.</summary>
public static class AccountTokens
{
    /// <summary>The token as it goes into a link.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token a link carried, or null when it is not one we could have written.</summary>
    public static string? Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || encoded.Length > 4000)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether account emails go to this person: a platform operator, or someone with an active membership. Others
    /// could not sign in with a new password anyway, so they get nothing (and the page says the same to everyone).
    /// </summary>
    public static async Task<bool> MayReceiveAccountEmailAsync(GatehouseDb db, User user, CancellationToken cancellationToken) =>
        await db.PlatformOperators.AnyAsync(o => o.UserId == user.Id, cancellationToken)
        || await db.Members.AnyAsync(m => m.UserId == user.Id && m.Status == MemberStatus.Active, cancellationToken);
}
