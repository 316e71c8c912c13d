using Gatehouse.Application.Access;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>A member's new first name, last name and phone, as an administrator enters them.</summary>
/// <param name="OrganizationId">The organization the administrator acts in.</param>
/// <param name="MemberId">The member.</param>
/// <param name="FirstName">First name (1 to 100 characters; trimmed).</param>
/// <param name="LastName">Last name (1 to 100 characters; trimmed).</param>
/// <param name="Phone">Phone number, or null or blank for none.</param>
public sealed record ChangeMemberDetailsCommand(Guid OrganizationId, Guid MemberId, string? FirstName, string? LastName, string? Phone);

/// <summary>
/// "Edit — change details": an administrator changes another person's name and phone. The details are the person's
/// account, which every organization they belong to shows, so the change is applied as the person's own would be
/// (<see cref="AccountChange"/>: each of their organizations locked, its access version moved on, one
/// <c>user.profile_changed</c> event in each), with the administrator as the acting party; whether they may is the
/// management policy's <see cref="ChangeMemberDetails"/>, asked in the acting organization under its lock.
/// </summary>
public sealed class ChangeMemberDetailsHandler(GatehouseDb db, AccessCache cache, AccountChange change, UserManager<User> users, OrganizationReads reads)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why the details were not changed.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, ChangeMemberDetailsCommand command, CancellationToken cancellationToken = default)
    {
        var profile = new ChangeProfileCommand(command.FirstName, command.LastName, command.Phone);
        if (ChangeProfileHandler.Validate(profile) is { } invalid)
        {
            return invalid;
        }
        if (actor.PolicyIn(command.OrganizationId) is not { } policy)
        {
            return OrganizationWork.OrganizationNotFound(command.OrganizationId);
        }
        // Which account the membership belongs to never changes, so it is read before the locks; everything else is
        // decided under them.
        var userId = await db.Members.AsNoTracking()
            .Where(m => m.OrganizationId == command.OrganizationId && m.Id == command.MemberId)
            .Select(m => (Guid?)m.UserId).SingleOrDefaultAsync(cancellationToken);
        var user = userId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null)
        {
            return await NotFoundAsync(actor, policy, command, cancellationToken);
        }
        var (first, last, phone) = ChangeProfileHandler.Normalize(profile);
        var applied = await change.ApplyAsync(user, actor, AuditActions.ProfileChanged, u => new { firstName = u.FirstName, lastName = u.LastName, phone = u.Phone },
            locked => DecideAsync(locked, policy, command, cancellationToken),
            () =>
            {
                user.UpdateProfile(first, last, phone, user.Locale);
                return users.UpdateAsync(user);
            },
            origin, cancellationToken);
        if (applied is { Succeeded: true, Value.Succeeded: false })
        {
            throw new InvalidOperationException($"Saving validated details failed: {string.Join(" ", applied.Value.Errors.Select(e => e.Description))}");
        }
        return await MemberWrites.AnswerAsync(applied, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }

    private async Task<Failure?> DecideAsync(IReadOnlyList<Core.Organizations.Organization> locked, PolicyActor policy, ChangeMemberDetailsCommand command,
        CancellationToken cancellationToken)
    {
        // Not among the person's organizations any more: the membership went while the locks were awaited.
        if (locked.FirstOrDefault(o => o.Id == command.OrganizationId) is not { } organization)
        {
            return VisibleMember.NotFound(command.MemberId);
        }
        var compiled = await cache.CompileForWriteAsync(db, organization.Id, organization.AccessVersion, cancellationToken);
        if (policy.Kind == ActorKind.Member && compiled.FindMemberByUser(policy.UserId) is null)
        {
            return OrganizationWork.OrganizationNotFound(command.OrganizationId);
        }
        if (VisibleMember.Refusal(compiled, policy, command.MemberId) is { } unseen)
        {
            return unseen;
        }
        var decision = ChangeMemberDetails.Evaluate(compiled, policy, new ChangeMemberDetailsRequest(command.MemberId));
        return decision.IsAllowed ? null : Failure.From(decision);
    }

    /// <summary>No such member here: the same answer as for one the actor may not see, or for an organization they are not in.</summary>
    private async Task<Failure> NotFoundAsync(Actor actor, PolicyActor policy, ChangeMemberDetailsCommand command, CancellationToken cancellationToken)
    {
        var open = await reads.OpenAsync(actor, command.OrganizationId, cancellationToken);
        return open.Succeeded ? VisibleMember.Refusal(open.Value.Organization, policy, command.MemberId) ?? VisibleMember.NotFound(command.MemberId) : open.Failure;
    }
}
