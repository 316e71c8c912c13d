using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Data.Configurations;
using Gatehouse.Data.Records;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatehouse.Data;

/// <summary>
/// Gatehouse's one EF Core model for both stores. The schema itself is created by the hand-written
/// migrations under <c>Migrations/</c>; this model maps onto it. Every tenant table is keyed by
/// (organization_id, id) so the schema can be distributed by organization.
/// </summary>
public sealed partial class GatehouseDb(DbContextOptions<GatehouseDb> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Shadow columns on members that copy the user's name, email and latest login, so the member list sorts and pages on one indexed table.</summary>
    public static class MemberDirectory
    {
        /// <summary>"First Last" (or the email) folded to lower case, for sorting and search.</summary>
        public const string SortName = "SortName";

        /// <summary>The normalized email.</summary>
        public const string Email = "Email";

        /// <summary>The user's latest sign-in.</summary>
        public const string LastLoginAt = "LastLoginAt";

        /// <summary>The user's kind, so service accounts stay out of people lists and seat counts.</summary>
        public const string UserKind = "UserKind";
    }

    /// <summary>The Data Protection key ring that protects cookies and account tokens, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Organizations (tenants).</summary>
    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>Scopes inside organizations.</summary>
    public DbSet<Scope> Scopes => Set<Scope>();

    /// <summary>Users, global to the deployment.</summary>
    public DbSet<User> Users => Set<User>();

    /// <summary>Memberships.</summary>
    public DbSet<Member> Members => Set<Member>();

    /// <summary>Custom and inline roles.</summary>
    public DbSet<Role> Roles => Set<Role>();

    /// <summary>Grants.</summary>
    public DbSet<Grant> Grants => Set<Grant>();

    /// <summary>Invitations.</summary>
    public DbSet<Invitation> Invitations => Set<Invitation>();

    /// <summary>The audit log (append-only).</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>The places each audit event touches (who with <c>audit.view</c> at some scopes may read it).</summary>
    public DbSet<AuditEventPlace> AuditEventPlaces => Set<AuditEventPlace>();

    /// <summary>Emails waiting for delivery.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Platform operators.</summary>
    public DbSet<PlatformOperator> PlatformOperators => Set<PlatformOperator>();

    /// <summary>One-time setup links.</summary>
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    /// <summary>The OpenID Connect provider's signing and encryption keys.</summary>
    public DbSet<OidcKey> OidcKeys => Set<OidcKey>();

    /// <summary>True when the store is PostgreSQL (row locks, advisory locks); false for SQLite.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <inheritdoc/>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type that sorts and compares; both stores keep instants in UTC,
        // SQLite as Unix milliseconds so comparisons, ORDER BY and hand-written SQL all work.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        }
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatehouseDb).Assembly);
        modelBuilder.MapOpenIddict();
        modelBuilder.NameConstraintsAsPostgres();
    }

    /// <inheritdoc/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (HoldSaves)
        {
            return 0;
        }
        InsertHeldAdditions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (HoldSaves)
        {
            return 0;
        }
        InsertHeldAdditions();
        // What changed is detected once for the rules below: each scan of the tracker would otherwise compare every tracked row with
        // its snapshot again (five times a save). What they change themselves the save's own detection picks up.
        ChangeTracker.DetectChanges();
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await SyncMemberDirectoryAsync(cancellationToken);
            await SupersedeOlderEmailsAsync(cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A new outbox message with a supersede key replaces the pending older ones with that key: they are marked superseded in
    /// the same save, so they never go out (e.g. an invitation resent while SMTP was down: the first link no longer works).
    /// A revoked or accepted invitation supersedes all its pending emails. A message a node is sending at this very moment
    /// still goes out; its delivery then records it as sent.
    /// </summary>
    private async Task SupersedeOlderEmailsAsync(CancellationToken cancellationToken)
    {
        var added = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added && e.Entity.SupersedeKey is not null)
            .Select(e => e.Entity).ToList();
        foreach (var group in added.GroupBy(m => m.SupersedeKey!, StringComparer.Ordinal))
        {
            var newest = group.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Last();
            await SupersedePendingAsync(group.Key, group.Where(m => m != newest), cancellationToken);
        }
        var closed = ChangeTracker.Entries<Invitation>()
            .Where(e => e.State == EntityState.Modified && e.Property(i => i.Status).IsModified && e.Entity.Status is InvitationStatus.Revoked or InvitationStatus.Accepted)
            .Select(e => SupersedeKeys.Invitation(e.Entity.Id)).ToList();
        foreach (var key in closed)
        {
            await SupersedePendingAsync(key, [], cancellationToken);
        }
    }

    private async Task SupersedePendingAsync(string key, IEnumerable<OutboxMessage> alsoNew, CancellationToken cancellationToken)
    {
        foreach (var message in (await Outbox.Where(m => m.SupersedeKey == key && m.Status == OutboxStatus.Pending).ToListAsync(cancellationToken)).Concat(alsoNew))
        {
            message.Status = OutboxStatus.Superseded;
        }
    }

    /// <summary>Copies user fields onto new members and onto every membership of a changed user.</summary>
    private async Task SyncMemberDirectoryAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries<Member>().Where(e => e.State == EntityState.Added).ToList())
        {
            var user = await Users.FindAsync([entry.Entity.UserId], cancellationToken)
                ?? throw new InvalidOperationException($"Member {entry.Entity.Id} points at unknown user {entry.Entity.UserId}.");
            CopyDirectoryFields(entry, user);
        }
        // Only changes the directory shows reach the memberships: a failed sign-in or a new security stamp loads none.
        foreach (var userEntry in ChangeTracker.Entries<User>().Where(e => e.State == EntityState.Modified && DirectorySources.Any(p => e.Property(p).IsModified)).ToList())
        {
            var user = userEntry.Entity;
            var memberships = await Members.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
            foreach (var member in memberships)
            {
                CopyDirectoryFields(Entry(member), user);
            }
        }
    }

    private static readonly string[] DirectorySources =
        [nameof(User.FirstName), nameof(User.LastName), nameof(User.Email), nameof(User.NormalizedEmail), nameof(User.LastLoginAt), nameof(User.Kind)];

    private static void CopyDirectoryFields(EntityEntry<Member> member, User user)
    {
        member.Property<string>(MemberDirectory.SortName).CurrentValue = SortNameOf(user);
        member.Property<string>(MemberDirectory.Email).CurrentValue = user.NormalizedEmail;
        member.Property<DateTimeOffset?>(MemberDirectory.LastLoginAt).CurrentValue = user.LastLoginAt;
        member.Property<UserKind>(MemberDirectory.UserKind).CurrentValue = user.Kind;
    }

    /// <summary>The sort and search key of a user's name.</summary>
    public static string SortNameOf(User user) => user.DisplayName.ToLowerInvariant();

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
