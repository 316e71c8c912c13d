using System.Text.Encodings.Web;
using System.Text.Json;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Platform;

/// <summary>How erasing an account removes the person from the audit log and the outbox.</summary>
internal static class PersonalDataScrub
{
    /// <summary>
    /// The person's own events lose their name and IP address; their email and phone are replaced wherever they
    /// appear; their names are replaced in events about them (names alone are too common to replace everywhere).
    /// </summary>
    public static async Task AuditEventsAsync(GatehouseDb db, Guid userId, List<Guid> memberIds, PersonalData personal, CancellationToken cancellationToken)
    {
        await db.AuditEvents.Where(e => e.ActorUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, personal.Pseudonym).SetProperty(e => e.IpAddress, (string?)null), cancellationToken);
        foreach (var (needle, replacement) in personal.Everywhere)
        {
            await db.AuditEvents.Where(e => e.Before!.Contains(needle) || e.After!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Before, e => e.Before!.Replace(needle, replacement))
                    .SetProperty(e => e.After, e => e.After!.Replace(needle, replacement)), cancellationToken);
        }
        var user = userId.ToString();
        var members = memberIds.Select(m => m.ToString()).ToList();
        foreach (var (needle, replacement) in personal.Names)
        {
            await db.AuditEvents
                .Where(e => e.ActorUserId == userId || (e.TargetType == "user" && e.TargetId == user) || (e.TargetType == "member" && members.Contains(e.TargetId)))
                .Where(e => e.Before!.Contains(needle) || e.After!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Before, e => e.Before!.Replace(needle, replacement))
                    .SetProperty(e => e.After, e => e.After!.Replace(needle, replacement)), cancellationToken);
        }
    }

    /// <summary>Emails to other people (an invitation the person sent) keep their text without the person's email and full name.</summary>
    public static async Task OutboxAsync(GatehouseDb db, PersonalData personal, CancellationToken cancellationToken)
    {
        foreach (var (needle, replacement) in personal.Everywhere.Concat(personal.FullName))
        {
            await db.Outbox.Where(m => m.Subject.Contains(needle) || m.TextBody.Contains(needle) || m.HtmlBody!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Subject, m => m.Subject.Replace(needle, replacement))
                    .SetProperty(m => m.TextBody, m => m.TextBody.Replace(needle, replacement))
                    .SetProperty(m => m.HtmlBody, m => m.HtmlBody!.Replace(needle, replacement)), cancellationToken);
        }
    }
}

/// <summary>The strings to remove and what replaces them, as typed and as they appear inside JSON.</summary>
internal sealed record PersonalData(
    string Pseudonym,
    IReadOnlyList<(string Needle, string Replacement)> Everywhere,
    IReadOnlyList<(string Needle, string Replacement)> FullName,
    IReadOnlyList<(string Needle, string Replacement)> Names)
{
    public static PersonalData Of(User user)
    {
        var pseudonym = User.PseudonymFor(user.Id);
        var email = $"{pseudonym}@erased.invalid";
        var everywhere = Forms([user.Email, user.NormalizedEmail], email);
        if (user.Phone is { Length: >= 5 } phone)
        {
            everywhere.AddRange(Forms([phone], pseudonym));
        }
        // Longest first, so "Ann Lee" goes before "Ann".
        var fullName = Forms([$"{user.FirstName} {user.LastName}".Trim()], pseudonym);
        var names = Forms([$"{user.FirstName} {user.LastName}".Trim(), user.FirstName.Trim(), user.LastName.Trim()], pseudonym);
        return new PersonalData(pseudonym, everywhere, fullName, names);
    }

    private static List<(string, string)> Forms(IEnumerable<string> values, string replacement)
    {
        var forms = new List<string>();
        foreach (var value in values.Where(v => v.Length >= 2))
        {
            forms.Add(value);
            forms.Add(JsonEncodedText.Encode(value, JavaScriptEncoder.Default).ToString());
        }
        return [.. forms.Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length).Select(f => (f, replacement))];
    }
}
