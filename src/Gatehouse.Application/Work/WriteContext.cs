using Gatehouse.Application.Audit;
using Gatehouse.Core.Access;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Gatehouse.Data.Records;

namespace Gatehouse.Application.Work;

/// <summary>What a change inside <see cref="OrganizationWork"/> works with.</summary>
public sealed class WriteContext(GatehouseDb db, Organization organization, CompiledOrganization compiled, Actor actor, PolicyActor policy, Origin origin, DateTimeOffset now)
{
    /// <summary>The database, inside the transaction.</summary>
    public GatehouseDb Db => db;

    /// <summary>The locked organization.</summary>
    public Organization Organization => organization;

    /// <summary>The organization's access data as of this transaction.</summary>
    public CompiledOrganization Compiled => compiled;

    /// <summary>Who acts.</summary>
    public Actor Actor => actor;

    /// <summary>Who acts, as the management policy sees them in this organization.</summary>
    public PolicyActor Policy => policy;

    /// <summary>Where the change was asked from.</summary>
    public Origin Origin => origin;

    /// <summary>The time of the change.</summary>
    public DateTimeOffset Now => now;

    /// <summary>True once the change touched access (members, grants, roles, scopes).</summary>
    public bool AccessChanged { get; private set; }

    /// <summary>Marks that access changed: the organization's version moves on and the cache follows.</summary>
    public void MarkAccessChanged() => AccessChanged = true;

    /// <summary>
    /// Records an audit event in the same transaction, with the places it touches as the organization stands before the
    /// change (<see cref="AuditPlaces"/>), which decide who with <c>audit.view</c> at some scopes only may read it.
    /// </summary>
    public void Audit(string action, string targetType, object targetId, object? before = null, object? after = null)
    {
        var recorded = AuditLog.Record(db, organization.Id, actor, action, targetType, targetId, before, after, now, origin.ClientAddress);
        foreach (var place in AuditPlaces.Of(compiled, targetType, recorded.TargetId, recorded.Before, recorded.After))
        {
            db.AuditEventPlaces.Add(new AuditEventPlace(recorded.Id, place));
        }
    }

    private Dictionary<Guid, KnownMember>? _known;

    /// <summary>Members whose state after this write it declared whole with <see cref="Knows"/>, by member id.</summary>
    public IReadOnlyDictionary<Guid, KnownMember> Known => _known ?? (IReadOnlyDictionary<Guid, KnownMember>)KnownMember.None;

    /// <summary>
    /// Declares the member's whole state as this write leaves it: their row and user (tracked, so read at commit) and
    /// every grant they hold afterwards. The access cache's patch is then compiled from these instead of reading them
    /// back while the organization is locked; declare it only after the write's last change to the member.
    /// </summary>
    public void Knows(KnownMember member) => (_known ??= [])[member.Member.Id] = member;

    /// <summary>True once the change queued an email.</summary>
    public bool EmailsQueued { get; private set; }

    /// <summary>Queues an email in the same transaction; with a <paramref name="supersedeKey"/> it replaces pending older emails with that key.</summary>
    public void Email(string kind, string to, string subject, string textBody, string? htmlBody = null, string? supersedeKey = null)
    {
        EmailsQueued = true;
        db.Outbox.Add(OutboxMessage.Queued(organization.Id, kind, to, subject, textBody, htmlBody, now, supersedeKey));
    }
}
