using System.Net.Mail;
using System.Text;
using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Users;

/// <summary>Email address validation and normalization.</summary>
public static class EmailAddress
{
    /// <summary>Longest address accepted (RFC 5321 §4.5.3.1.3 path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The form used for uniqueness: trimmed, Unicode NFC, lower-cased.</summary>
    public static string Normalize(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>Checks that an address is a plain ASCII <c>local@domain</c> address a mail server will take.</summary>
    public static Result Validate(string? email, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return new Error("email_required", "Enter an email address.", field);
        }
        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength)
        {
            return new Error("email_invalid", $"The email address is longer than {MaxLength} characters; check it.", field);
        }
        // Look-alike Unicode characters (Cyrillic 'а' for Latin 'a') make addresses that read like another
        // person's; only ASCII addresses are accepted.
        if (!Ascii.IsValid(trimmed) || trimmed.Any(char.IsControl) || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return new Error("email_invalid", $"'{trimmed}' is not a valid email address: use only plain letters, digits and punctuation.", field);
        }
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return new Error("email_invalid", $"'{trimmed}' is not a valid email address; check it and try again.", field);
        }
        return Result.Success;
    }
}
