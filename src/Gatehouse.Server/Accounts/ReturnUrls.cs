using System.Text;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Where to send someone after signing in, from a caller-given <c>ReturnUrl</c>: only a path on this server, and
/// percent-encoded to plain ASCII. A raw non-ASCII or control character in a Location header makes Kestrel fail the
/// whole answer (500, and no session cookie), and browsers drop tabs and newlines from a URL, so "/\t/evil.example"
/// would leave the site.
/// </summary>
public static class ReturnUrls
{
    /// <summary>A path on this server, safe to put in a Location header; "/" for anything else.</summary>
    public static string Local(string? returnUrl)
    {
        if (returnUrl is not { Length: > 0 } url || url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\')))
        {
            return "/";
        }
        var bytes = Encoding.UTF8.GetBytes(url);
        var encoded = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var keep = IsAllowed(b) || (b == '%' && i + 2 < bytes.Length && Uri.IsHexDigit((char)bytes[i + 1]) && Uri.IsHexDigit((char)bytes[i + 2]));
            if (keep)
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    // RFC 3986 unreserved, sub-delims and the path, query and fragment punctuation; everything else is encoded,
    // including '\' (which browsers read as '/') and an unpaired '%'.
    private static bool IsAllowed(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
        || "-._~!$&'()*+,;=:@/?#"u8.Contains(b);
}
