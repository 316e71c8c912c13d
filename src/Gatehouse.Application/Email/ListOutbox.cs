using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Application.Work;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Email;

/// <summary>Which emails of the outbox to list.</summary>
/// <param name="To">Only emails to this address.</param>
/// <param name="Status">Only emails in this status (<see cref="Statuses"/>); null for every email.</param>
/// <param name="Limit">At most this many, newest first; null for the default page size.</param>
public sealed record ListOutboxQuery(string? To = null, string? Status = null, int? Limit = null)
{
    /// <summary>The values <see cref="Status"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Statuses = [OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Superseded];
}

/// <summary>The email outbox as platform operators see it: what was written, to whom, and whether it went out.</summary>
public sealed class ListOutboxHandler(GatehouseDb db)
{
    /// <summary>The emails, newest first, or why they are not shown.</summary>
    public async Task<Result<List<OutboxMessageDto>>> HandleAsync(Actor actor, ListOutboxQuery query, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return RetryOutboxMessageHandler.OperatorsOnly();
        }
        if (OutboxQuery.Check(query.To, query.Limit) is { } invalid)
        {
            return invalid;
        }
        if (query.Status is not null && !ListOutboxQuery.Statuses.Contains(query.Status, StringComparer.Ordinal))
        {
            return Failure.Invalid("status", WorkCodes.ValidationFailed,
                $"'status' must be one of {string.Join(", ", ListOutboxQuery.Statuses)}, or left out for every email.");
        }
        var emails = db.Outbox.AsNoTracking();
        if (query.Status is not null)
        {
            emails = emails.Where(m => m.Status == query.Status);
        }
        var rows = await OutboxQuery.NewestAsync(emails, query.To, query.Limit, cancellationToken);
        return rows.Select(OutboxMessageDto.Of).ToList();
    }
}
