using Gatehouse.Application.Email;
using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>Gives an existing member a role at a scope.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="ScopeId">The scope (required).</param>
/// <param name="RoleKey">The role (required).</param>
public sealed record AddMemberToScopeCommand(Guid OrganizationId, Guid MemberId, Guid? ScopeId, string? RoleKey);

/// <summary>Adds a member the actor may see to a scope with a role, if the policy lets the actor assign that role there.</summary>
public sealed class AddMemberToScopeHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why they were not added.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, AddMemberToScopeCommand command, CancellationToken cancellationToken = default)
    {
        if (ScopeGrants.Validate(command.ScopeId, command.RoleKey) is { } invalid)
        {
            return invalid;
        }
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, async write =>
        {
            if (MemberWrites.Unseen(write, command.MemberId) is { } unseen)
            {
                return unseen;
            }
            var compiled = write.Compiled.FindMember(command.MemberId)!;
            var email = await write.Db.Users.Where(u => u.Id == compiled.Entry.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
            return await ScopeGrants.AddAsync(write, composer, compiled.Entry.UserId, email, command.ScopeId!.Value, command.RoleKey!);
        }, cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }
}

/// <summary>Adding a member to a scope, by id or by email.</summary>
internal static class ScopeGrants
{
    /// <summary>A failure naming the missing field, or null.</summary>
    public static Failure? Validate(Guid? scopeId, string? roleKey) =>
        scopeId is null ? Failure.Invalid("scopeId", WorkCodes.ValidationFailed, "'scopeId' is required.")
        : string.IsNullOrWhiteSpace(roleKey) || roleKey.Length > InputRules.MaxNameLength ? Failure.Invalid("roleKey", WorkCodes.ValidationFailed, "'roleKey' is required.")
        : null;

    /// <summary>The grant added, its audit event and notice queued; or the policy's refusal (which also answers an unknown user).</summary>
    public static async Task<Result<bool>> AddAsync(WriteContext write, IEmailComposer composer, Guid? userId, string email, Guid scopeId, string roleKey)
    {
        var spec = new GrantSpec(roleKey, scopeId);
        var decision = AddMemberToScope.Evaluate(write.Compiled, write.Policy, new AddMemberToScopeRequest(email, userId, spec));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var memberId = write.Compiled.FindMemberByUser(userId!.Value)!.Entry.MemberId;
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        var held = (await MemberWrites.GrantsAsync(write, memberId)).Select(g => g.Spec).ToList();
        write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), write.Organization.Id, memberId, roleKey, scopeId));
        member.TouchAccess();
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberAddedToScope, "member", memberId, null, new { roleKey, scopeId });
        await MemberNotices.QueueAccessChangedAsync(write, composer, member, [.. held, spec]);
        return true;
    }
}
