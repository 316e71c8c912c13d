using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>Which invitations to list: a status (pending by default, or accepted, revoked, expired, all) and a page.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Status">pending, accepted, revoked, expired or all; null for pending.</param>
/// <param name="Cursor">The next page's cursor, or null for the first page.</param>
/// <param name="Limit">The page size, or null for the default.</param>
public sealed record ListInvitationsQuery(Guid OrganizationId, string? Status = null, string? Cursor = null, int? Limit = null)
{
    /// <summary>The values <see cref="Status"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["pending", "accepted", "revoked", "expired", "all"];
}

/// <summary>
/// The invitation list. A caller sees an invitation when they hold <c>members.view</c> or <c>members.invite</c>
/// at one of the places it offers (a full-access offer, or one whose place was deleted, counts as the whole
/// organization): a workshop manager sees the invitations touching their workshops, including ones that also
/// offer workshops they do not manage (those show <c>revoke: false</c>). Someone holding neither anywhere is refused.
/// </summary>
public sealed class ListInvitationsHandler(OrganizationReads reads, GatehouseDb db, TimeProvider time)
{
    /// <summary>One page of the invitations <paramref name="actor"/> may see.</summary>
    public async Task<Result<Page<InvitationDto>>> HandleAsync(Actor actor, ListInvitationsQuery request, CancellationToken cancellationToken = default)
    {
        var (organizationId, status, cursor, limit) = request;
        var open = await reads.OpenAsync(actor, organizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var opened = open.Value;
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
            return Failure.Invalid("status", WorkCodes.ValidationFailed, "'status' must be one of pending, accepted, revoked, expired or all.");
        }
        var organization = opened.Organization;
        var places = new Dictionary<Guid, bool>();
        bool Sees(Guid? place)
        {
            var key = place ?? Guid.Empty;
            if (!places.TryGetValue(key, out var sees))
            {
                sees = InvitationVisibility.SeesAt(organization, opened.Policy, place);
                places[key] = sees;
            }
            return sees;
        }
        if (!Sees(null) && !organization.Scopes.Any(s => Sees(s.Id)))
        {
            return Failure.From(opened.Require(ManagementPermissions.View, null));
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
            var batch = await query.OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id).Take(batchSize).ToListAsync(cancellationToken);
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
        return new Page<InvitationDto>([.. visible.Take(size).Select(i => InvitationViews.ToDto(i, organization, opened.Policy, now))], next);
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
