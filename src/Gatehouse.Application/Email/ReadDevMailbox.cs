using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Email;

/// <summary>Which emails of the dev mailbox to list.</summary>
/// <param name="To">Only emails to this address.</param>
/// <param name="Limit">At most this many, newest first; null for the default page size.</param>
public sealed record ListDevMailQuery(string? To = null, int? Limit = null);

/// <summary>
/// The emails Gatehouse wrote, as the dev mailbox shows them. Whether the mailbox is open to the caller (no SMTP
/// server, a request from this machine) is the surface's decision: it depends on the connection, which a use case
/// does not see.
/// </summary>
public sealed class ReadDevMailboxHandler(GatehouseDb db)
{
    /// <summary>The newest emails, or why the query is not acceptable.</summary>
    public async Task<Result<List<DevMailDto>>> ListAsync(ListDevMailQuery query, CancellationToken cancellationToken = default)
    {
        if (OutboxQuery.Check(query.To, query.Limit) is { } invalid)
        {
            return invalid;
        }
        var rows = await OutboxQuery.NewestAsync(db.Outbox.AsNoTracking(), query.To, query.Limit, cancellationToken);
        return rows.Select(m => new DevMailDto(m.Id, m.Kind, m.To, m.Subject, m.CreatedAt, m.Status)).ToList();
    }

    /// <summary>One email with its bodies.</summary>
    public async Task<Result<DevMailDetailDto>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } m
            ? new DevMailDetailDto(m.Id, m.Kind, m.To, m.Subject, m.CreatedAt, m.Status, m.TextBody, m.HtmlBody)
            : NotFound(id);

    /// <summary>One email's HTML body (null when it has none).</summary>
    public async Task<Result<string?>> HtmlAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var found = await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.HtmlBody }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? NotFound(id) : Result<string?>.Ok(found.HtmlBody);
    }

    private static Failure NotFound(Guid id) =>
        Failure.NotFound(EmailCodes.OutboxMessageNotFound, $"There is no email {id} in the dev mailbox. List the mailbox to find its id.");
}
