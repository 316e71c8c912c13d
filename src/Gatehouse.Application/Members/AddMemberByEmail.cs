using Gatehouse.Application.Email;
using Gatehouse.Application.Work;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>Gives a member found by email a role at a scope (a project's "Add User").</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Email">The member's email (required).</param>
/// <param name="ScopeId">The scope (required).</param>
/// <param name="RoleKey">The role (required).</param>
public sealed record AddMemberByEmailCommand(Guid OrganizationId, string? Email, Guid? ScopeId, string? RoleKey);

/// <summary>
/// Adds an existing member, found by email, to a scope with a role; an unknown email is answered by the policy
/// (someone who may invite must invite them), as is someone who already has that access.
/// </summary>
public sealed class AddMemberByEmailHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor does not see them), or why they were not added.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, AddMemberByEmailCommand command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 320)
        {
            return Failure.Invalid("email", WorkCodes.ValidationFailed, "'email' is required.");
        }
        if (ScopeGrants.Validate(command.ScopeId, command.RoleKey) is { } invalid)
        {
            return invalid;
        }
        Guid? memberId = null;
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, async write =>
        {
            var normalized = Core.Users.EmailAddress.Normalize(command.Email);
            var userId = await write.Db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
            memberId = userId is { } known ? write.Compiled.FindMemberByUser(known)?.Entry.MemberId : null;
            return await ScopeGrants.AddAsync(write, composer, userId, command.Email, command.ScopeId!.Value, command.RoleKey!);
        }, cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, memberId, cancellationToken);
    }
}
