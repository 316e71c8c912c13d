using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Email;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Grants;

namespace Gatehouse.Server.Api;

// Changing a member's grants and full access, adding to and removing from scopes.
public static partial class MemberEndpoints
{
    internal static async Task<IResult> ReplaceAccessAsync(
        Guid organizationId, Guid memberId, ReplaceAccessBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        if (body.Version is not { } version)
        {
            return Problems.Invalid("version", ProblemCodes.ValidationFailed, "'version' is required: send the member's version from when you read their access.");
        }
        if (body.Grants is not { } grants)
        {
            return Problems.Invalid("grants", ProblemCodes.ValidationFailed, "'grants' is required: list every grant the member should hold (an empty list for none).");
        }
        if (GrantRequests.Validate(grants, body.InlineRole) is { } invalid)
        {
            return invalid.ToProblem();
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            Role? newInline = null;
            InlineRole? inline = null;
            if (body.InlineRole is { } proposed)
            {
                newInline = new Role(Guid.CreateVersion7(write.Now), organizationId, RoleKind.Inline, proposed.Name.Trim(), proposed.Permissions, memberId);
                inline = new InlineRole(newInline.Key, newInline.Name, newInline.Permissions);
            }
            var wanted = grants.Select(g => new GrantSpec(g.RoleKey == GrantRequest.InlineRoleKey ? newInline!.Key : g.RoleKey, g.ScopeId)).Distinct().ToList();
            var fullAccess = body.FullAccess ?? write.Compiled.FindMember(memberId)?.Entry.HasFullAccess ?? false;
            // 404 for a member the caller may not see, then 409 for a stale version, then the policy: a save made on an
            // old reading is told to reload, whatever changed meanwhile and wherever, and the conflict names no one hidden.
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.Version != version)
            {
                return StaleVersion(member);
            }
            var decision = ReplaceAccess.Evaluate(write.Compiled, write.Actor, new ReplaceAccessRequest(memberId, wanted, fullAccess, inline));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            var current = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var before = AccessSnapshot(member, current);
            var wantedSet = wanted.ToHashSet();
            var currentSet = current.Select(g => g.Spec).ToHashSet();
            var removed = current.Where(g => !wantedSet.Contains(g.Spec)).ToList();
            var added = wanted.Where(g => !currentSet.Contains(g)).ToList();
            if (removed.Count == 0 && added.Count == 0 && member.HasFullAccess == fullAccess)
            {
                return TypedResults.NoContent();
            }
            write.Db.Grants.RemoveRange(removed);
            foreach (var spec in added)
            {
                write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), organizationId, memberId, spec.RoleKey, spec.ScopeId));
            }
            if (newInline is not null)
            {
                write.Db.Roles.Add(newInline);
            }
            await DropUnusedInlineRolesAsync(write, memberId, wantedSet.Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
            if (member.HasFullAccess != fullAccess)
            {
                member.SetFullAccess(fullAccess);
            }
            else
            {
                member.TouchAccess();
            }
            var after = current.Except(removed).Select(g => g.Spec).Concat(added).ToList();
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberAccessChanged, "member", memberId, before, AccessSnapshot(member, after));
            await MemberNotices.QueueAccessChangedAsync(write, composer, member, after,
                newInline is null ? null : new Dictionary<string, string> { [newInline.Key] = newInline.Name });
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    internal static async Task<IResult> AddToScopeAsync(
        Guid organizationId, Guid memberId, AddToScopeBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        if (ValidateScopeGrant(body.ScopeId, body.RoleKey) is { } invalid)
        {
            return invalid;
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var compiled = write.Compiled.FindMember(memberId)!;
            var email = await write.Db.Users.Where(u => u.Id == compiled.Entry.UserId).Select(u => u.Email).SingleAsync();
            return await AddGrantAsync(write, composer, compiled.Entry.UserId, email, body.ScopeId!.Value, body.RoleKey!);
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    internal static async Task<IResult> AddByEmailAsync(
        Guid organizationId, AddByEmailBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > 320)
        {
            return Problems.Invalid("email", ProblemCodes.ValidationFailed, "'email' is required.");
        }
        if (ValidateScopeGrant(body.ScopeId, body.RoleKey) is { } invalid)
        {
            return invalid;
        }
        Guid? memberId = null;
        var result = await work.RunAsync(organizationId, async write =>
        {
            var normalized = Core.Users.EmailAddress.Normalize(body.Email);
            var userId = await write.Db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            memberId = userId is { } known ? write.Compiled.FindMemberByUser(known)?.Entry.MemberId : null;
            return await AddGrantAsync(write, composer, userId, body.Email, body.ScopeId!.Value, body.RoleKey!);
        }, CancellationToken.None);
        return memberId is { } id ? await AnswerAsync(result, organizationId, id, context, read, db) : result;
    }

    internal static async Task<IResult> AddGrantAsync(WriteContext write, EmailComposer composer, Guid? userId, string email, Guid scopeId, string roleKey)
    {
        var spec = new GrantSpec(roleKey, scopeId);
        var decision = AddMemberToScope.Evaluate(write.Compiled, write.Actor, new AddMemberToScopeRequest(email, userId, spec));
        if (!decision.IsAllowed)
        {
            return Problems.From(decision);
        }
        var memberId = write.Compiled.FindMemberByUser(userId!.Value)!.Entry.MemberId;
        if (await LoadAsync(write, memberId) is not { } member)
        {
            return MemberNotFound(memberId);
        }
        var held = await write.Db.Grants.Where(g => g.OrganizationId == write.Organization.Id && g.MemberId == memberId).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToListAsync();
        write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), write.Organization.Id, memberId, roleKey, scopeId));
        member.TouchAccess();
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberAddedToScope, "member", memberId, null, new { roleKey, scopeId });
        await MemberNotices.QueueAccessChangedAsync(write, composer, member, [.. held, spec]);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> RemoveFromScopeAsync(
        Guid organizationId, Guid memberId, Guid scopeId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db, EmailComposer composer)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (Unseen(write, memberId) is { } unseen)
            {
                return unseen;
            }
            var decision = RemoveFromScope.Evaluate(write.Compiled, write.Actor, new RemoveFromScopeRequest(memberId, scopeId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var removed = grants.Where(g => g.ScopeId == scopeId).ToList();
            write.Db.Grants.RemoveRange(removed);
            await DropUnusedInlineRolesAsync(write, memberId, grants.Except(removed).Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
            member.TouchAccess();
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberRemovedFromScope, "member", memberId,
                new { scopeId, grants = removed.Select(g => new { g.RoleKey, g.ScopeId }) }, null);
            await MemberNotices.QueueAccessChangedAsync(write, composer, member, grants.Except(removed).Select(g => g.Spec));
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }
}
