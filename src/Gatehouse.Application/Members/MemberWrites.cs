using Gatehouse.Application.Work;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>What the member changes share: loading, the visibility gate, inline-role clean-up, audit snapshots and the answer after a change.</summary>
public static class MemberWrites
{
    /// <summary>The member-visibility gate every change naming a member passes first; null when the actor may see them.</summary>
    public static Failure? Unseen(WriteContext write, Guid memberId) => VisibleMember.Refusal(write.Compiled, write.Policy, memberId);

    /// <summary>The member, tracked for the change, or null.</summary>
    public static Task<Member?> LoadAsync(WriteContext write, Guid memberId) =>
        write.Db.Members.SingleOrDefaultAsync(m => m.OrganizationId == write.Organization.Id && m.Id == memberId);

    /// <summary>The member and their grants as stored, both tracked for the change, in one round trip; null when there is no such member.</summary>
    public static async Task<(Member Member, List<Grant> Grants)?> LoadWithGrantsAsync(WriteContext write, Guid memberId)
    {
        var organizationId = write.Organization.Id;
        var rows = await (
            from m in write.Db.Members
            where m.OrganizationId == organizationId && m.Id == memberId
            from g in write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == m.Id).DefaultIfEmpty()
            select new { Member = m, Grant = (Grant?)g })
            .ToListAsync();
        return rows.Count == 0 ? null : (rows[0].Member, [.. rows.Where(r => r.Grant is not null).Select(r => r.Grant!)]);
    }

    /// <summary>
    /// The member, their user and their grants as stored, all tracked for the change, in one round trip; null when there
    /// is no such member. With the user at hand the write can declare the member whole (<see cref="WriteContext.Knows"/>)
    /// and answer from memory (<see cref="Answer{T}"/>), so nothing is read back while or after the organization is locked.
    /// </summary>
    public static async Task<KnownMember?> LoadWholeAsync(WriteContext write, Guid memberId)
    {
        var organizationId = write.Organization.Id;
        var rows = await (
            from m in write.Db.Members
            where m.OrganizationId == organizationId && m.Id == memberId
            join u in write.Db.Users on m.UserId equals u.Id
            from g in write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == m.Id).DefaultIfEmpty()
            select new { Member = m, User = u, Grant = (Grant?)g })
            .ToListAsync();
        return rows.Count == 0 ? null : new KnownMember(rows[0].Member, rows[0].User, [.. rows.Where(r => r.Grant is not null).Select(r => r.Grant!)]);
    }

    /// <summary>The member's grants as stored.</summary>
    public static Task<List<Grant>> GrantsAsync(WriteContext write, Guid memberId) =>
        write.Db.Grants.Where(g => g.OrganizationId == write.Organization.Id && g.MemberId == memberId).ToListAsync();

    /// <summary>Deletes the member's inline roles that none of the kept grants names (an inline role lives only as long as its grant).</summary>
    public static async Task DropUnusedInlineRolesAsync(WriteContext write, Guid memberId, HashSet<string> keptKeys)
    {
        // The organization as locked holds every stored role: without any inline one there is nothing to drop, and the
        // query is saved while the organization is locked (a role this write adds is not stored yet, so never dropped).
        if (!write.Compiled.Roles.Any(r => r.Kind == RoleKind.Inline))
        {
            return;
        }
        var inline = await write.Db.Roles
            .Where(r => r.OrganizationId == write.Organization.Id && r.Kind == RoleKind.Inline && r.InlineForMemberId == memberId)
            .ToListAsync();
        write.Db.Roles.RemoveRange(inline.Where(r => !keptKeys.Contains(r.Key)));
    }

    /// <summary>The member's access as audit events record it.</summary>
    public static object AccessSnapshot(Member member, IEnumerable<Grant> grants) => AccessSnapshot(member, grants.Select(g => g.Spec));

    /// <summary>The member's access as audit events record it.</summary>
    public static object AccessSnapshot(Member member, IEnumerable<GrantSpec> grants) => new
    {
        fullAccess = member.HasFullAccess,
        isOwner = member.IsOwner,
        status = member.Status,
        grants = grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId }).ToList(),
    };

    /// <summary>The refusal of a change based on an old reading of the member's access.</summary>
    public static Failure StaleVersion(Member member) =>
        // A sentence a person reads in the console too: no version numbers (the answer's member carries the new one).
        Failure.Conflict(MemberCodes.VersionConflict,
            "This user's access changed since you opened it; reload to see the new access, then make your change again.");

    /// <summary>
    /// After a change went through, the member as the change left them, from memory: the change held the organization's
    /// lock and declared the member whole (<see cref="WriteContext.Knows"/>), so this is what a fresh read would return.
    /// Null when the actor can no longer read the organization; a failure passes unchanged.
    /// </summary>
    public static async Task<Result<MemberDto?>> Answer<T>(Result<T> changed, KnownMember? member, OrganizationReads reads, Actor actor, Guid organizationId,
        CancellationToken cancellationToken)
    {
        if (!changed.Succeeded)
        {
            return changed.Failure;
        }
        var open = await reads.OpenAsync(actor, organizationId, cancellationToken);
        if (!open.Succeeded || member is null)
        {
            return Result<MemberDto?>.Ok(null);
        }
        return MemberViews.ToDto(open.Value, new MemberRow(member.Member, member.User, MemberDirectory.InRowOrder(member.Grants),
            MemberCapabilities.Evaluate(open.Value.Organization, open.Value.Policy, member.Member.Id)));
    }

    /// <summary>
    /// After a change went through, the member as it is now (read fresh); null when the actor can no longer see them
    /// (a change can take the member out of every place the actor sees). A failure passes unchanged.
    /// </summary>
    public static async Task<Result<MemberDto?>> AnswerAsync<T>(Result<T> changed, OrganizationReads reads, GatehouseDb db, Actor actor, Guid organizationId,
        Guid? memberId, CancellationToken cancellationToken)
    {
        if (!changed.Succeeded)
        {
            return changed.Failure;
        }
        if (memberId is not { } id)
        {
            return Result<MemberDto?>.Ok(null);
        }
        var open = await reads.OpenAsync(actor, organizationId, cancellationToken);
        if (!open.Succeeded || await MemberDirectory.RowAsync(db, open.Value, id, cancellationToken) is not { } row)
        {
            return Result<MemberDto?>.Ok(null);
        }
        return MemberViews.ToDto(open.Value, row);
    }
}
