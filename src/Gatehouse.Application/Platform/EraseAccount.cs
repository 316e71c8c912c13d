using Gatehouse.Application.Access;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Platform;

/// <summary>Which account to erase.</summary>
/// <param name="UserId">The user.</param>
public sealed record EraseAccountCommand(Guid UserId);

/// <summary>
/// Erases an account (GDPR art. 17): memberships, grants, inline roles, API keys, invitations and emails
/// to the person are deleted; the user row stays as a pseudonym so audit events keep pointing somewhere;
/// the person's email, names and phone are replaced by the pseudonym in the audit log and the outbox.
/// One transaction; every organization the person was in is locked, checked with the policy, and patched with the
/// member gone (<see cref="AccessCache.CommitAsync"/>).
/// </summary>
public sealed class EraseAccountHandler(GatehouseDb db, AccessCache cache, IApiKeyRevocations revocations, TimeProvider time)
{
    /// <summary>True once erased, or why not; nothing changes on a failure.</summary>
    public async Task<Result<bool>> HandleAsync(Actor actor, Origin origin, EraseAccountCommand command, CancellationToken cancellationToken = default)
    {
        var userId = command.UserId;
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(PlatformCodes.PlatformOperatorRequired, "Only the product's platform operators erase accounts. Ask product support.");
        }
        if (userId == actor.UserId)
        {
            return Failure.Conflict(PlatformCodes.CannotEraseSelf, "You cannot erase your own account. Ask another platform operator.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // On PostgreSQL the row lock also holds off new memberships of this user (their foreign key needs a share lock).
        var user = await UserLock.ForUpdateAsync(db, userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound(PlatformCodes.UserNotFound, $"There is no user {userId}. Find the user by email with GET /api/v1/platform/users?email=.");
        }
        if (user.ErasedAt is not null)
        {
            return Failure.Conflict(PlatformCodes.AlreadyErased, "This account was already erased; nothing of the person is left to remove.");
        }
        var memberships = await db.Members.Where(m => m.UserId == userId).Select(m => new { m.OrganizationId, m.Id }).ToListAsync(cancellationToken);
        var organizationIds = memberships.Select(m => m.OrganizationId).Distinct().Order().ToList();
        var organizations = new List<(Organization Organization, CompiledOrganization Compiled)>();
        foreach (var organizationId in organizationIds)
        {
            var organization = await OrganizationLock.AcquireAsync(db, organizationId, cancellationToken)
                ?? throw new InvalidOperationException($"Organization {organizationId} of a membership vanished.");
            var compiled = await cache.CompileForWriteAsync(db, organizationId, organization.AccessVersion, cancellationToken);
            organizations.Add((organization, compiled));
            var decision = DeleteAccount.Evaluate(compiled, PolicyActor.PlatformOperator(actor.UserId ?? Guid.Empty), new DeleteAccountRequest(userId, organizationIds));
            if (!decision.IsAllowed)
            {
                return Failure.From(decision);
            }
        }

        var now = time.ChangeTime();
        var memberIds = memberships.Select(m => m.Id).ToList();
        await db.Roles.Where(r => organizationIds.Contains(r.OrganizationId) && r.InlineForMemberId != null && memberIds.Contains(r.InlineForMemberId.Value))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Grants.Where(g => organizationIds.Contains(g.OrganizationId) && memberIds.Contains(g.MemberId)).ExecuteDeleteAsync(cancellationToken);
        await db.Members.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var pseudonym = await AccountErasure.EraseAsync(db, user, memberIds, organizationIds.Count, actor, origin, now, cancellationToken);
        var patches = new List<AccessPatch>(organizations.Count);
        foreach (var (organization, compiled) in organizations)
        {
            var from = organization.AccessVersion;
            // The member leaves; the roles are read again where the organization has inline roles (the member's went).
            var touched = AccessTouched.OfUser(userId, roles: compiled.Roles.Any(r => r.Kind == RoleKind.Inline));
            AccessNotifications.Announce(db, organization, touched); // PostgreSQL tells every node on commit
            patches.Add(new AccessPatch(organization.Id, compiled, from, organization.AccessVersion, touched));
            var member = memberships.First(m => m.OrganizationId == organization.Id);
            AuditLog.Record(db, organization.Id, actor, AuditActions.AccountErased, "member", member.Id, new { user = pseudonym }, null, now, origin.ClientAddress);
        }
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAsync(db, transaction, patches, cancellationToken);
        await revocations.ForgetAsync(db, null, userId, CancellationToken.None);
        return true;
    }
}
