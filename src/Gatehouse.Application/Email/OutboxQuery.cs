using Gatehouse.Application.Paging;
using Gatehouse.Core.Users;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Email;

/// <summary>The newest emails of the outbox, optionally to one address: shared by the outbox list and the dev mailbox.</summary>
internal static class OutboxQuery
{
    /// <summary>Checks the page size and the address; null when both are acceptable.</summary>
    public static Failure? Check(string? to, int? limit)
    {
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
        }
        return to is not null && EmailAddress.Validate(to, "to") is { Succeeded: false } invalid ? Failure.From(invalid.Error!, FailureKind.Invalid) : null;
    }

    /// <summary>The newest first, at most <paramref name="limit"/> (or the default page size).</summary>
    public static Task<List<OutboxMessage>> NewestAsync(IQueryable<OutboxMessage> query, string? to, int? limit, CancellationToken cancellationToken)
    {
        if (to is not null)
        {
            var address = EmailAddress.Normalize(to);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are ASCII
            query = query.Where(m => m.To.ToLower() == address);
#pragma warning restore CA1304, CA1311, CA1862
        }
        return query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit ?? Cursor.DefaultPageSize).ToListAsync(cancellationToken);
    }
}
