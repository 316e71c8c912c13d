using Gatehouse.Application.Access;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Email;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;

namespace Gatehouse.Application.Work;

/// <summary>
/// Runs one change to an organization as a unit: one transaction holding the organization's lock
/// (a row lock on PostgreSQL, the write lock on SQLite), the organization compiled fresh inside it,
/// the policy's decision, the change, its audit events and outbox messages, one commit, and the
/// access cache patched with the members, scopes or roles the change touched. It commits exactly when the
/// body's result succeeded: a failure or an exception leaves nothing behind.
/// </summary>
public sealed class OrganizationWork(GatehouseDb db, AccessCache cache, TimeProvider time, OutboxSignal outbox)
{
    /// <summary>Runs <paramref name="body"/> as <paramref name="actor"/>, who must be able to see the organization (a member, its service account or product support).</summary>
    public Task<Result<T>> RunAsync<T>(Actor actor, Origin origin, Guid organizationId, Func<WriteContext, Task<Result<T>>> body,
        CancellationToken cancellationToken = default) =>
        actor.PolicyIn(organizationId) is { } policy
            ? RunCoreAsync(actor, policy, origin, organizationId, requireMembership: true, body, cancellationToken)
            : Task.FromResult(Result<T>.Fail(OrganizationNotFound(organizationId)));

    /// <summary>
    /// Runs a change that someone who is not (yet) a member makes, such as accepting an invitation with its emailed
    /// token: same lock, transaction and cache handling; audit events name <paramref name="actingAs"/>. The body must
    /// decide itself that the change may go ahead; the management policy sees <paramref name="actingAs"/> as a (non-)member.
    /// </summary>
    public Task<Result<T>> RunOnBehalfAsync<T>(Actor actingAs, Origin origin, Guid organizationId, Func<WriteContext, Task<Result<T>>> body,
        CancellationToken cancellationToken = default) =>
        RunCoreAsync(actingAs, PolicyActor.Member(actingAs.UserId ?? Guid.Empty), origin, organizationId, requireMembership: false, body, cancellationToken);

    private async Task<Result<T>> RunCoreAsync<T>(Actor actor, PolicyActor policy, Origin origin, Guid organizationId, bool requireMembership,
        Func<WriteContext, Task<Result<T>>> body, CancellationToken cancellationToken)
    {
        // Every failure rolls the whole transaction back, so the savepoint EF Core would wrap around each SaveChanges in
        // it (two more round trips while the organization is locked) protects nothing.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await RunLockedAsync(actor, policy, origin, organizationId, requireMembership, body, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<Result<T>> RunLockedAsync<T>(Actor actor, PolicyActor policy, Origin origin, Guid organizationId, bool requireMembership,
        Func<WriteContext, Task<Result<T>>> body, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await OrganizationLock.AcquireAsync(db, organizationId, cancellationToken);
        if (organization is null)
        {
            return OrganizationNotFound(organizationId);
        }
        var compiled = await cache.CompileForWriteAsync(db, organizationId, organization.AccessVersion, cancellationToken);
        if (requireMembership && policy.Kind == Core.Management.ActorKind.Member && compiled.FindMemberByUser(policy.UserId) is null)
        {
            return OrganizationNotFound(organizationId);
        }
        var write = new WriteContext(db, organization, compiled, actor, policy, origin, time.ChangeTime());
        var result = await body(write);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        await CommitAsync(write, organization, transaction, cancellationToken);
        if (write.EmailsQueued)
        {
            outbox.Wake();
        }
        return result;
    }

    private async Task CommitAsync(WriteContext write, Organization organization, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        CancellationToken cancellationToken)
    {
        var fromVersion = organization.AccessVersion;
        var touched = write.AccessChanged ? AccessTouched.From(db.ChangeTracker, organization.Id) : null;
        if (touched is not null)
        {
            // Saved with the change; on PostgreSQL a trigger on the version tells every node on commit what it touched (AccessNotifications).
            AccessNotifications.Announce(db, organization, touched);
        }
        await db.SaveChangesAsync(cancellationToken);
        // What the write touched is read back inside the transaction and compiled onto the organization as this
        // write saw it; the patch is installed once committed, so checks never see a change that did not commit.
        await cache.CommitAsync(db, transaction, touched is null ? [] :
            [new AccessPatch(organization.Id, write.Compiled, fromVersion, organization.AccessVersion, touched, write.Known)], cancellationToken);
    }

    /// <summary>The failure for an organization the actor cannot see: the same as for one that does not exist.</summary>
    public static Failure OrganizationNotFound(Guid organizationId) =>
        Failure.NotFound(WorkCodes.OrganizationNotFound, $"There is no organization {organizationId} that you can see. Check the id, or ask its administrator to invite you.");
}
