using Gatehouse.Core.Audit;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Audit;
using Gatehouse.Application.ApiKeys;

namespace Gatehouse.Server.Application;

/// <summary>The one-time link that creates the first platform operator.</summary>
public sealed class SetupLinks(PublicLinks links, TimeProvider time, IPasswordHasher<User> hasher)
{
    /// <summary>The token's prefix.</summary>
    public const string TokenPrefix = "ghs_";

    /// <summary>The link issued by this process, while setup is still open (shown to tests and the console).</summary>
    public string? CurrentLink { get; private set; }

    /// <summary>When no platform operator exists, replaces any earlier setup token with a new one and prints its link.</summary>
    public async Task IssueWhenNeededAsync(GatehouseDb db, CancellationToken cancellationToken)
    {
        if (await db.PlatformOperators.AnyAsync(cancellationToken))
        {
            return;
        }
        await db.SetupTokens.Where(t => t.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
        var (token, hash) = SecretToken.Create(TokenPrefix);
        db.SetupTokens.Add(new SetupToken { Id = Guid.CreateVersion7(), TokenHash = hash, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        CurrentLink = links.For($"/setup?token={token}");
        // Printed, not logged: the link is a secret meant for the person starting the server, once.
        Console.WriteLine();
        Console.WriteLine("  Gatehouse has no platform operator yet. Open this one-time link to create the first one:");
        Console.WriteLine($"  {CurrentLink}");
        Console.WriteLine();
    }

    /// <summary>Uses a setup token: creates the platform operator and their first API key. Null when the token is not valid.</summary>
    public async Task<SetupResult?> CompleteAsync(GatehouseDb db, string token, string email, string firstName, string lastName, string password, string? ipAddress, CancellationToken cancellationToken)
    {
        var now = time.ChangeTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hash = SecretToken.Hash(token);
        // Claimed in one statement: of two requests racing with the same token, exactly one updates the row.
        var claimed = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed != 1 || await db.PlatformOperators.AnyAsync(cancellationToken))
        {
            return null;
        }
        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            user = new User(Guid.CreateVersion7(now), email, firstName, lastName, now);
            db.Users.Add(user);
        }
        user.SetPasswordHash(hasher.HashPassword(user, password));
        user.VerifyEmail(now);
        db.PlatformOperators.Add(new PlatformOperator { UserId = user.Id, CreatedAt = now });
        var (_, apiKey) = ApiKeyIssuer.Issue(db, user.Id, null, "Created at setup", user.Id, now);
        AuditLog.Record(db, null, new AuditLog.Actor(user.Id, user.DisplayName), AuditActions.PlatformOperatorAdded, "user", user.Id, null, null, now, ipAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        CurrentLink = null;
        return new SetupResult(user.Id, apiKey);
    }
}

/// <summary>The first platform operator and the API key to use now (shown once).</summary>
public sealed record SetupResult(Guid UserId, string ApiKey);
