using System.Globalization;
using System.Text;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

/// <summary>How a write tells every node sharing one PostgreSQL that access in an organization changed (SQLite has one node).</summary>
public static class AccessNotifications
{
    /// <summary>
    /// The channel that names organizations whose access changed: <c>{id}:{version}:{touched}</c> with the new access version,
    /// so the node that made the change and already holds that version keeps it, and what the write touched
    /// (<see cref="Describe"/>), so the other nodes patch those parts instead of compiling the organization whole. The
    /// application does not send these: a trigger does whenever <c>organizations.access_version</c> moves (PostgreSQL
    /// migrations 0013 and 0014), on the save that moves it, so it costs no round trip while the organization is locked,
    /// and it is delivered on commit.
    /// </summary>
    public const string Channel = "gatehouse_access";

    /// <summary>The suffix of a notification that an organization was renamed (<c>{id}:renamed</c>): only its name is forgotten.</summary>
    public const string RenamedSuffix = ":renamed";

    /// <summary>The column the trigger reads what a write touched from (and empties); a shadow property of <see cref="Organization"/>.</summary>
    public const string ChangeProperty = "AccessChange";

    /// <summary>
    /// The longest description a notification carries. PostgreSQL refuses payloads of 8,000 bytes or more; past this a
    /// write announces only its version, and the other nodes compile the organization whole (cheaper than reading that many
    /// members one by one anyway).
    /// </summary>
    public const int MaxDescription = 7_000;

    /// <summary>Tells every node that an organization was renamed, so they forget its name (<see cref="Organizations.OrganizationNames"/>); delivered on commit.</summary>
    public static async Task NotifyRenamedAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {organizationId + RenamedSuffix})", cancellationToken);
        }
    }

    /// <summary>
    /// Moves the organization's access version for a write that touched <paramref name="touched"/>, saved with the write. On
    /// PostgreSQL the description rides along in <see cref="ChangeProperty"/>, and the trigger puts it in the notification.
    /// </summary>
    public static void Announce(GatehouseDb db, Organization organization, AccessTouched touched)
    {
        organization.BumpAccessVersion();
        if (db.IsPostgres)
        {
            db.Entry(organization).Property(ChangeProperty).CurrentValue = Describe(touched);
        }
    }

    /// <summary>
    /// What a write touched, as text: <c>s</c> (scopes), <c>r</c> (roles), <c>m{id}</c> (a member), <c>u{id}</c> (a user),
    /// separated by commas, ids as 32 hex digits; null when longer than <see cref="MaxDescription"/>.
    /// </summary>
    public static string? Describe(AccessTouched touched)
    {
        var text = new StringBuilder();
        void Add(string part) => text.Append(text.Length == 0 ? "" : ",").Append(part);
        if (touched.Scopes)
        {
            Add("s");
        }
        if (touched.Roles)
        {
            Add("r");
        }
        foreach (var member in touched.MemberIds.Order())
        {
            Add("m" + member.ToString("N"));
        }
        foreach (var user in touched.UserIds.Order())
        {
            Add("u" + user.ToString("N"));
        }
        return text.Length <= MaxDescription ? text.ToString() : null;
    }

    /// <summary>
    /// Reads an access notification's payload: the organization, its new version (null when the payload names none), and
    /// what the write touched (null when it did not say, or said it in a form this version does not know).
    /// </summary>
    public static bool TryParse(string payload, out Guid organizationId, out long? version, out AccessTouched? touched)
    {
        (version, touched) = (null, null);
        if (!Guid.TryParse(payload.AsSpan(0, Math.Min(36, payload.Length)), out organizationId))
        {
            return false;
        }
        if (payload.Length <= 37 || payload[36] != ':')
        {
            return true;
        }
        var rest = payload.AsSpan(37);
        var colon = rest.IndexOf(':');
        if (!long.TryParse(colon < 0 ? rest : rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return true;
        }
        version = v;
        touched = colon < 0 ? null : ParseTouched(rest[(colon + 1)..]);
        return true;
    }

    private static AccessTouched? ParseTouched(ReadOnlySpan<char> text)
    {
        var (members, users) = (new HashSet<Guid>(), new HashSet<Guid>());
        var (scopes, roles) = (false, false);
        foreach (var range in text.Split(','))
        {
            var part = text[range];
            switch (part)
            {
                case [] when text.IsEmpty:
                    break;
                case "s":
                    scopes = true;
                    break;
                case "r":
                    roles = true;
                    break;
                case ['m', .. var id] when Guid.TryParseExact(id, "N", out var member):
                    members.Add(member);
                    break;
                case ['u', .. var id] when Guid.TryParseExact(id, "N", out var user):
                    users.Add(user);
                    break;
                default:
                    return null;
            }
        }
        return new AccessTouched(members, users, scopes, roles);
    }
}
