using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Signing in with an email and a password. Nothing in the answer tells whether an account exists: an unknown
/// email costs the same password hash as a known one and gets the same sentence, and so does a wrong password
/// for a paused account. Only the account's owner (the right password) learns that sign-in is paused, or why
/// they may not sign in. Every attempt is written to the audit log of the organizations the person belongs to.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<User> users,
    SignInManager<User> sessions,
    SignInEligibility eligibility,
    UnknownAccountPassword unknownAccount,
    PasswordHashGate gate,
    AccountEvents events,
    GatehouseDb db,
    TimeProvider time)
{
    /// <summary>The one answer for an unknown email, a wrong password, and a wrong password on a paused account.</summary>
    public const string Failed = "The email or password is not right. After several failed attempts in a row, sign-in is paused for a while.";

    /// <summary>Checks the password and starts a session; returns null when signed in, else the sentence to show.</summary>
    public async Task<string?> SignInAsync(string email, string password)
    {
        // Identity's lookup by email, with what the eligibility rule asks next read in the same query.
        var user = await eligibility.AccountByEmailAsync(users.NormalizeEmail(email) ?? string.Empty);
        if (user?.PasswordHash is null)
        {
            await gate.RunAsync(() => { unknownAccount.Verify(password); return Task.FromResult(true); });
            await events.RecordAsync(user, AuditActions.SignInFailed, user is null
                ? new { reason = "unknown_email", emailSha256 = Sha256(EmailAddress.Normalize(email)) }
                : new { reason = "no_password" });
            return Failed;
        }
        if (await CheckPasswordAsync(user, password) is { } failure)
        {
            return failure;
        }
        if (await eligibility.RefusalAsync(user, CancellationToken.None) is { } refusal)
        {
            await events.RecordAsync(user, AuditActions.SignInFailed, new { reason = "not_allowed", detail = refusal });
            return refusal;
        }
        await StartSessionAsync(user);
        return null;
    }

    /// <summary>
    /// Checks an account's password the way sign-in does, wherever a password is asked for (sign-in, accepting an
    /// invitation into an existing account): failures count towards the pause and are audited. Returns null when
    /// the password is right and the account is not paused, else the sentence to show.
    /// </summary>
    public async Task<string?> CheckPasswordAsync(User user, string password)
    {
        if (await users.IsLockedOutAsync(user))
        {
            // Identity's own sign-in answers "locked out" before looking at the password, which would tell
            // anyone that the account exists. The password is checked first, and a wrong one gets the usual answer.
            var right = await gate.RunAsync(() => users.CheckPasswordAsync(user, password));
            await events.RecordAsync(user, AuditActions.SignInFailed, new { reason = right ? "paused" : "wrong_password", pausedUntil = user.LockoutEnd });
            return right ? Paused(user.LockoutEnd!.Value) : Failed;
        }
        if (!await gate.RunAsync(() => users.CheckPasswordAsync(user, password)))
        {
            await users.AccessFailedAsync(user);
            await events.RecordAsync(user, AuditActions.SignInFailed, new { reason = "wrong_password", failedInARow = user.AccessFailedCount });
            if (await users.IsLockedOutAsync(user))
            {
                await events.RecordAsync(user, AuditActions.SignInLockedOut, new { pausedUntil = user.LockoutEnd });
            }
            return Failed;
        }
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }

    /// <summary>Starts a session for someone who proved who they are: the latest login is recorded and audited.</summary>
    public async Task StartSessionAsync(User user)
    {
        // When the person proved who they are, kept with the session (renewals keep it): the OpenID Connect provider's auth_time and max_age.
        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties();
        properties.Items[SessionAuthTime.Item] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await sessions.SignInAsync(user, properties);
        // The latest login and its audit event in one save. Not through UserManager.UpdateAsync, whose validation reads the
        // account twice more to check that its email is still unique: a sign-in changes no email.
        if (db.Entry(user).State == EntityState.Detached)
        {
            db.Users.Attach(user);
        }
        user.RecordSignIn(time.GetUtcNow());
        await events.AddAsync(user, AuditActions.SignInSucceeded, null);
        await db.SaveChangesAsync();
    }

    /// <summary>What the owner of a paused account is told (they gave the right password).</summary>
    public static string Paused(DateTimeOffset until) =>
        $"Sign-in for this account is paused after too many failed attempts, until {until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Try again after that.";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// A password hash no one knows the password of, made by the same hasher as real ones: checking a password
/// against it for an unknown email costs what checking a real account's password costs.
/// </summary>
public sealed class UnknownAccountPassword(IPasswordHasher<User> hasher)
{
    private static readonly User Nobody = new(Guid.Empty, "nobody@gatehouse.invalid", "Nobody", "Nobody", DateTimeOffset.UnixEpoch);
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Spends one password check; the answer is always "wrong".</summary>
    public void Verify(string password) => _ = hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
