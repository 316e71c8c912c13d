using Gatehouse.Application.Audit;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Email;

/// <summary>An email of the outbox to send again.</summary>
public sealed record RetryOutboxMessageCommand(Guid Id);

/// <summary>Sends a pending or failed email again now, with a fresh count of attempts (platform operators); audited.</summary>
public sealed class RetryOutboxMessageHandler(GatehouseDb db, TimeProvider time, OutboxSignal signal)
{
    /// <summary>Audit action of an operator's retry.</summary>
    public const string RetriedAction = "email.retried";

    /// <summary>The email as it now stands, or why it is not sent again.</summary>
    public async Task<Result<OutboxMessageDto>> HandleAsync(Actor actor, Origin origin, RetryOutboxMessageCommand command, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return OperatorsOnly();
        }
        var id = command.Id;
        var now = time.ChangeTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } message)
        {
            return Failure.NotFound(EmailCodes.OutboxMessageNotFound, $"There is no email {id} in the outbox. List the outbox to find its id.");
        }
        if (message.Status == OutboxStatus.Sent)
        {
            return Failure.Conflict(EmailCodes.OutboxMessageAlreadySent,
                $"Email {id} was already delivered ({message.DeliveredVia} at {message.SentAt:u}); it is not sent twice. Ask for a new email instead (for example resend the invitation).");
        }
        if (message.Status == OutboxStatus.Superseded)
        {
            return Failure.Conflict(EmailCodes.OutboxMessageSuperseded,
                $"Email {id} was replaced by a newer email about the same thing, and the link it carries no longer works; it is not sent. Retry the newest one, or ask for a new email (for example resend the invitation).");
        }
        var before = new { message.Status, message.Attempts, message.LastError };
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        AuditLog.Record(db, message.OrganizationId, actor, RetriedAction, "email", message.Id, before, new { message.Status, message.Attempts }, now, origin.ClientAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return OutboxMessageDto.Of(message);
    }

    internal static Failure OperatorsOnly() =>
        Failure.Forbidden(EmailCodes.PlatformOperatorRequired, "Only the product's platform operators may read the outbox.");
}
