using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Work;

/// <summary>
/// The lock on one user account's row, for changes that depend on which organizations the account belongs to: erasing
/// it takes the row FOR UPDATE, accepting an invitation with it takes it FOR SHARE, so an account is never erased while
/// it joins an organization elsewhere, nor joins one while it is erased. On SQLite every write transaction already
/// holds the database's write lock. Organizations are locked before the user, except where the user's memberships must
/// be read first (platform erasure), which locks only organizations the account is already in.
/// </summary>
public static class UserLock
{
    /// <summary>The user, locked for an exclusive change (erasure), tracked; null when there is none.</summary>
    public static async Task<User?> ForUpdateAsync(GatehouseDb db, Guid userId, CancellationToken cancellationToken) =>
        db.IsPostgres
            ? await db.Users.FromSqlInterpolated($"SELECT * FROM users WHERE id = {userId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);

    /// <summary>
    /// The user with this normalized email, locked against erasure until the transaction ends, tracked; null when there is none.
    /// When an erasure held the row, the row is read again once it commits, and an erased account no longer has the email.
    /// </summary>
    public static async Task<User?> ForShareByEmailAsync(GatehouseDb db, string normalizedEmail, CancellationToken cancellationToken) =>
        db.IsPostgres
            ? await db.Users.FromSqlInterpolated($"SELECT * FROM users WHERE normalized_email = {normalizedEmail} FOR SHARE").SingleOrDefaultAsync(cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
}
