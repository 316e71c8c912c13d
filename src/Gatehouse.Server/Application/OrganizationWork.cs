using Gatehouse.Core.Access;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Access;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Application;

/// <summary>
/// Runs one change to an organization as a unit: one transaction holding the organization's lock
/// (a row lock on PostgreSQL, the write lock on SQLite), the organization compiled fresh inside it,
/// the policy's decision, the change, its audit events and outbox messages, one commit, and the
/// access cache patched with the members, scopes or roles the change touched. A refusal or an error leaves nothing behind.
/// </summary>
public sealed class OrganizationWork(GatehouseDb db, AccessCache cache, TimeProvider time, IHttpContextAccessor http, Email.OutboxSignal outbox)
{
    /// <summary>Runs <paramref name="body"/>; its result is the answer. Changes are kept only when the answer is a success (2xx).</summary>
    public Task<IResult> RunAsync(Guid organizationId, Func<WriteContext, Task<IResult>> body, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        var caller = context.Caller();
        return caller.ActorIn(organizationId) is { } actor
            ? RunCoreAsync(context, organizationId, caller, actor, requireMembership: true, body, cancellationToken)
            : Task.FromResult(OrganizationNotFound(organizationId));
    }

    /// <summary>
    /// Runs a change that an anonymous request makes on behalf of someone who is not (yet) a member, such as
    /// accepting an invitation with its emailed token: same lock, transaction and cache handling, audit events
    /// name <paramref name="actingAs"/>. The body must decide itself that the request may go ahead; the
    /// management policy sees <paramref name="actingAs"/> as a (non-)member.
    /// </summary>
    public Task<IResult> RunOnBehalfAsync(Guid organizationId, Caller actingAs, Func<WriteContext, Task<IResult>> body, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        return RunCoreAsync(context, organizationId, actingAs, Actor.Member(actingAs.UserId), requireMembership: false, body, cancellationToken);
    }

    private async Task<IResult> RunCoreAsync(HttpContext context, Guid organizationId, Caller caller, Actor actor, bool requireMembership,
        Func<WriteContext, Task<IResult>> body, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await OrganizationLock.AcquireAsync(db, organizationId, cancellationToken);
        if (organization is null)
        {
            return OrganizationNotFound(organizationId);
        }
        var compiled = await cache.CompileForWriteAsync(db, organizationId, organization.AccessVersion, cancellationToken);
        if (requireMembership && actor.Kind == ActorKind.Member && compiled.FindMemberByUser(caller.UserId) is null)
        {
            return OrganizationNotFound(organizationId);
        }
        var now = time.ChangeTime();
        var write = new WriteContext(db, organization, compiled, actor, caller, now, context.Connection.RemoteIpAddress?.ToString());
        var result = await body(write);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        var fromVersion = organization.AccessVersion;
        var touched = write.AccessChanged ? AccessTouched.From(db.ChangeTracker, organizationId) : null;
        if (write.AccessChanged)
        {
            organization.BumpAccessVersion();
            await AccessChangeListener.NotifyAccessChangedAsync(db, organizationId, organization.AccessVersion, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (touched is null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            // What the write touched is read back inside the transaction and compiled onto the organization as this
            // write saw it; the patch is installed once committed, so checks never see a change that did not commit.
            var change = await AccessChangeLoader.LoadAsync(db, organizationId, touched, cancellationToken);
            using var commit = await cache.BeginCommitAsync(organizationId, compiled, fromVersion, organization.AccessVersion, change, cancellationToken);
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                cache.Invalidate(organizationId); // the commit may have happened all the same
                throw;
            }
            commit.Install();
        }
        if (write.EmailsQueued)
        {
            outbox.Wake();
        }
        return result;
    }

    /// <summary>The answer for an organization the caller cannot see: the same as for one that does not exist.</summary>
    public static IResult OrganizationNotFound(Guid organizationId) =>
        Problems.NotFound(ProblemCodes.OrganizationNotFound, $"There is no organization {organizationId} that you can see. Check the id, or ask its administrator to invite you.");
}

/// <summary>What a change inside <see cref="OrganizationWork"/> works with.</summary>
public sealed class WriteContext(GatehouseDb db, Organization organization, CompiledOrganization compiled, Actor actor, Caller caller, DateTimeOffset now, string? ipAddress)
{
    /// <summary>The database, inside the transaction.</summary>
    public GatehouseDb Db => db;

    /// <summary>The locked organization.</summary>
    public Organization Organization => organization;

    /// <summary>The organization's access data as of this transaction.</summary>
    public CompiledOrganization Compiled => compiled;

    /// <summary>Who acts, as the policy sees them.</summary>
    public Actor Actor => actor;

    /// <summary>Who acts.</summary>
    public Caller Caller => caller;

    /// <summary>The time of the change.</summary>
    public DateTimeOffset Now => now;

    /// <summary>True once the change touched access (members, grants, roles, scopes).</summary>
    public bool AccessChanged { get; private set; }

    /// <summary>Marks that access changed: the organization's version moves on and the cache forgets it.</summary>
    public void MarkAccessChanged() => AccessChanged = true;

    /// <summary>Records an audit event in the same transaction.</summary>
    public void Audit(string action, string targetType, object targetId, object? before = null, object? after = null) =>
        AuditLog.Record(db, organization.Id, caller, action, targetType, targetId, before, after, now, ipAddress);

    /// <summary>True once the change queued an email.</summary>
    public bool EmailsQueued { get; private set; }

    /// <summary>Queues an email in the same transaction; with a <paramref name="supersedeKey"/> it replaces pending older emails with that key.</summary>
    public void Email(string kind, string to, string subject, string textBody, string? htmlBody = null, string? supersedeKey = null)
    {
        EmailsQueued = true;
        db.Outbox.Add(OutboxMessage.Queued(organization.Id, kind, to, subject, textBody, htmlBody, now, supersedeKey));
    }
}
