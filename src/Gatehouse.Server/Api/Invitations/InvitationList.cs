using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>
/// The invitation list. A caller sees an invitation when they hold <c>members.view</c> or <c>members.invite</c>
/// at one of the places it offers (a full-access offer, or one whose place was deleted, counts as the whole
/// organization): a workshop manager sees the invitations touching their workshops, including ones that also
/// offer workshops they do not manage (those show <c>revoke: false</c>). Someone holding neither anywhere is refused.
/// </summary>
public static class InvitationList
{
    /// <summary>Handles <c>GET /organizations/{id}/invitations</c>.</summary>
    public static async Task<IResult> ListAsync(Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db, TimeProvider time,
        string? status, string? cursor, int? limit)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
        }
        if (!Cursor.TryDecode<SentKey>(cursor, out var after))
        {
            return Cursor.Invalid();
        }
        if (!TryParseStatus(status, out var wanted))
        {
            return Problems.Invalid("status", ProblemCodes.ValidationFailed, "'status' must be one of pending, accepted, revoked, expired or all.");
        }
        var organization = opened.Organization;
        var places = new Dictionary<Guid, bool>();
        bool Sees(Guid? place)
        {
            var key = place ?? Guid.Empty;
            if (!places.TryGetValue(key, out var sees))
            {
                sees = InvitationVisibility.SeesAt(organization, opened.Actor, place);
                places[key] = sees;
            }
            return sees;
        }
        if (!Sees(null) && !organization.Scopes.Any(s => Sees(s.Id)))
        {
            return Problems.From(opened.Require(ManagementPermissions.View, null));
        }
        bool Visible(Invitation i) => InvitationVisibility.Places(organization, i).Any(Sees);

        var now = time.GetUtcNow();
        var size = limit ?? Cursor.DefaultPageSize;
        var visible = new List<Invitation>(size + 1);
        var scanFrom = after;
        while (visible.Count <= size)
        {
            var query = Filter(db.Invitations.Where(i => i.OrganizationId == organizationId), wanted, now);
            if (scanFrom is { } from)
            {
                query = query.Where(i => i.SentAt < from.SentAt || (i.SentAt == from.SentAt && i.Id.CompareTo(from.Id) < 0));
            }
            var batchSize = Math.Min(1000, (size + 1) * 2);
            var batch = await query.OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id).Take(batchSize).ToListAsync(context.RequestAborted);
            foreach (var invitation in batch)
            {
                scanFrom = new SentKey(invitation.SentAt, invitation.Id);
                if (Visible(invitation) && visible.Count <= size)
                {
                    visible.Add(invitation);
                }
            }
            if (batch.Count < batchSize)
            {
                break;
            }
        }
        var next = visible.Count > size ? Cursor.Encode(new SentKey(visible[size - 1].SentAt, visible[size - 1].Id)) : null;
        return TypedResults.Ok(new Page<InvitationDto>([.. visible.Take(size).Select(i => InvitationViews.ToDto(i, organization, opened.Actor, now))], next));
    }

    private static IQueryable<Invitation> Filter(IQueryable<Invitation> query, InvitationStatus? wanted, DateTimeOffset now) => wanted switch
    {
        null => query,
        InvitationStatus.Pending => query.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > now),
        InvitationStatus.Expired => query.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt <= now),
        var status => query.Where(i => i.Status == status),
    };

    private static bool TryParseStatus(string? status, out InvitationStatus? wanted)
    {
        wanted = InvitationStatus.Pending;
        switch (status)
        {
            case null or "pending":
                return true;
            case "all":
                wanted = null;
                return true;
            case "accepted" or "revoked" or "expired":
                wanted = Enum.Parse<InvitationStatus>(status, ignoreCase: true);
                return true;
            default:
                return false;
        }
    }

    private sealed record SentKey(DateTimeOffset SentAt, Guid Id);
}
