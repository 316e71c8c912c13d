using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// ASP.NET Core Identity's view of Gatehouse's one <c>users</c> table: the user name is the email, and
/// passwords, security stamps and lockout live on <see cref="User"/>. Service accounts and erased
/// accounts are invisible here, so they can never sign in.
/// </summary>
public sealed class GatehouseUserStore(GatehouseDb db, TimeProvider time) :
    IUserPasswordStore<User>, IUserEmailStore<User>, IUserSecurityStampStore<User>, IUserLockoutStore<User>, IUserPhoneNumberStore<User>
{
    private IQueryable<User> People => PeopleIn(db);

    /// <summary>The rule of <see cref="PeopleIn"/>, for queries compiled once (which cannot call it).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<User, bool>> IsPerson = u => u.Kind == UserKind.Person && u.ErasedAt == null;

    /// <summary>The accounts Identity sees: people's, not erased.</summary>
    public static IQueryable<User> PeopleIn(GatehouseDb db) => db.Users.Where(IsPerson);

    /// <inheritdoc/>
    public Task<string> GetUserIdAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());

    /// <inheritdoc/>
    public Task<string?> GetUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    /// <inheritdoc/>
    public Task SetUserNameAsync(User user, string? userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The user name is the email address; change the email instead.");

    /// <inheritdoc/>
    public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    /// <inheritdoc/>
    public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task<IdentityResult> CreateAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    /// <inheritdoc/>
    public async Task<IdentityResult> UpdateAsync(User user, CancellationToken cancellationToken)
    {
        if (db.Entry(user).State == EntityState.Detached)
        {
            db.Users.Update(user);
        }
        await db.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    /// <inheritdoc/>
    public Task<IdentityResult> DeleteAsync(User user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Accounts are erased by platform operators (DELETE /api/v1/platform/users/{id}), never deleted through Identity.");

    /// <inheritdoc/>
    public Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? People.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : Task.FromResult<User?>(null);

    /// <inheritdoc/>
    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByEmailAsync(normalizedUserName, cancellationToken);

    /// <inheritdoc/>
    public Task SetPasswordHashAsync(User user, string? passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passwordHash, nameof(passwordHash));
        user.SetPasswordHash(passwordHash);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetPasswordHashAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    /// <inheritdoc/>
    public Task<bool> HasPasswordAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    /// <inheritdoc/>
    public Task SetEmailAsync(User user, string? email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        user.ChangeEmail(email);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetEmailAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    /// <inheritdoc/>
    public Task<bool> GetEmailConfirmedAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.EmailVerifiedAt is not null);

    /// <inheritdoc/>
    public Task SetEmailConfirmedAsync(User user, bool confirmed, CancellationToken cancellationToken)
    {
        if (confirmed)
        {
            user.VerifyEmail(time.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        People.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    /// <inheritdoc/>
    public Task<string?> GetNormalizedEmailAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    /// <inheritdoc/>
    public Task SetNormalizedEmailAsync(User user, string? normalizedEmail, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task SetSecurityStampAsync(User user, string stamp, CancellationToken cancellationToken)
    {
        user.SetSecurityStamp(stamp);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetSecurityStampAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetLockoutEndDateAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    /// <inheritdoc/>
    public Task SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockUntil(lockoutEnd);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> IncrementAccessFailedCountAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.CountFailedSignIn());

    /// <inheritdoc/>
    public Task ResetAccessFailedCountAsync(User user, CancellationToken cancellationToken)
    {
        user.ResetFailedSignIns();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> GetAccessFailedCountAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <inheritdoc/>
    public Task<bool> GetLockoutEnabledAsync(User user, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <inheritdoc/>
    public Task SetLockoutEnabledAsync(User user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task SetPhoneNumberAsync(User user, string? phoneNumber, CancellationToken cancellationToken)
    {
        user.UpdateProfile(user.FirstName, user.LastName, phoneNumber, user.Locale);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetPhoneNumberAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.Phone);

    /// <inheritdoc/>
    public Task<bool> GetPhoneNumberConfirmedAsync(User user, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task SetPhoneNumberConfirmedAsync(User user, bool confirmed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

/// <summary>Identity looks users up by <see cref="EmailAddress.Normalize"/>, the form the users table is unique on.</summary>
public sealed class EmailLookupNormalizer : ILookupNormalizer
{
    /// <inheritdoc/>
    public string? NormalizeName(string? name) => name is null ? null : EmailAddress.Normalize(name);

    /// <inheritdoc/>
    public string? NormalizeEmail(string? email) => email is null ? null : EmailAddress.Normalize(email);
}
