using Gatehouse.Core.Secrets;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Email;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Application;

/// <summary>The one-time link that creates the first platform operator (using it is Gatehouse.Application.Platform's CompleteSetupHandler).</summary>
public sealed class SetupLinks(PublicLinks links, TimeProvider time)
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

    /// <summary>The setup token was used: this process shows no link any more.</summary>
    public void Used() => CurrentLink = null;
}
