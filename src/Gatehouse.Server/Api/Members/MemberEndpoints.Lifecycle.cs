using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Email;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Seats;

namespace Gatehouse.Server.Api;

// Deactivation, reactivation, ownership and removal of a membership.
public static partial class MemberEndpoints
{
    internal static async Task<IResult> DeactivateAsync(
        Guid organizationId, Guid memberId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var decision = Deactivate.Evaluate(write.Compiled, write.Actor, new DeactivateRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.Deactivate(write.Now) is { Succeeded: false } refused)
            {
                return Problems.From(refused.Error!, StatusCodes.Status409Conflict);
            }
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberDeactivated, "member", memberId, new { status = MemberStatus.Active }, new { status = MemberStatus.Deactivated });
            await MemberNotices.QueueDeactivatedAsync(write, composer, member);
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    internal static async Task<IResult> ReactivateAsync(
        Guid organizationId, Guid memberId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var decision = Reactivate.Evaluate(write.Compiled, write.Actor, new ReactivateRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var seats = await SeatCount.CountAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, CancellationToken.None);
            if (seats.CanTake(1) is { Succeeded: false } full)
            {
                return Problems.From(full.Error!, StatusCodes.Status409Conflict);
            }
            if (member.Reactivate() is { Succeeded: false } refused)
            {
                return Problems.From(refused.Error!, StatusCodes.Status409Conflict);
            }
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberReactivated, "member", memberId, new { status = MemberStatus.Deactivated }, new { status = MemberStatus.Active });
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    internal static async Task<IResult> ChangeOwnerAsync(
        Guid organizationId, Guid memberId, OwnerBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        if (body.Owner is not { } owner)
        {
            return Problems.Invalid("owner", ProblemCodes.ValidationFailed, "'owner' is required: true to make the member an owner, false to take ownership away.");
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var decision = ChangeOwner.Evaluate(write.Compiled, write.Actor, new ChangeOwnerRequest(memberId, owner));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.IsOwner == owner)
            {
                return TypedResults.NoContent();
            }
            member.SetOwner(owner);
            write.MarkAccessChanged();
            write.Audit(AuditActions.OwnerChanged, "member", memberId, new { isOwner = !owner }, new { isOwner = owner });
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToListAsync();
            await MemberNotices.QueueAccessChangedAsync(write, composer, member, grants);
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    internal static Task<IResult> RemoveAsync(Guid organizationId, Guid memberId, OrganizationWork work, EmailComposer composer) =>
        work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var decision = RemoveMember.Evaluate(write.Compiled, write.Actor, new RemoveMemberRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var before = AccessSnapshot(member, grants);
            write.Db.Grants.RemoveRange(grants);
            await DropUnusedInlineRolesAsync(write, memberId, new HashSet<string>(StringComparer.Ordinal));
            write.Db.Members.Remove(member);
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberRemoved, "member", memberId, new { userId = member.UserId, access = before }, null);
            await MemberNotices.QueueRemovedAsync(write, composer, member);
            return TypedResults.NoContent();
        }, CancellationToken.None);
}
