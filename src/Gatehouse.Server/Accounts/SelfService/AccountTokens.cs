using System.Text;
using Microsoft.AspNetCore.WebUtilities;

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
}
