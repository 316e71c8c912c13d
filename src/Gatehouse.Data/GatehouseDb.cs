using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatehouse.Data;

/// <summary>
/// Gatehouse's one EF Core model for both stores. The schema itself is created by the hand-written
/// migrations under <c>Migrations/</c>; this model maps onto it. Every tenant table is keyed by
/// (organization_id, id) so the schema can be distributed by organization.
/// </summary>
public sealed class GatehouseDb(DbContextOptions<GatehouseDb> options) : DbContext(options)
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

    /// <summary>Emails waiting for delivery.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>Platform operators.</summary>
    public DbSet<PlatformOperator> PlatformOperators => Set<PlatformOperator>();

    /// <summary>One-time setup links.</summary>
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

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
        modelBuilder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(o => o.Id);
            Columns(e);
        });

        modelBuilder.Entity<Scope>(e =>
        {
            e.ToTable("scopes");
            e.HasKey(s => new { s.OrganizationId, s.Id });
            e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            Columns(e);
        });

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Kind).HasConversion<string>();
            e.Ignore(u => u.DisplayName);
            Columns(e);
        });

        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasKey(m => new { m.OrganizationId, m.Id });
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
            e.Property(m => m.Status).HasConversion<string>();
            e.Property(m => m.ManagedBy).HasConversion<string>();
            e.Property(m => m.Version).IsConcurrencyToken();
            e.Ignore(m => m.IsActive);
            e.Property<string>(MemberDirectory.SortName);
            e.Property<string>(MemberDirectory.Email);
            e.Property<DateTimeOffset?>(MemberDirectory.LastLoginAt);
            e.Property<UserKind>(MemberDirectory.UserKind).HasConversion<string>();
            Columns(e);
        });

        modelBuilder.Entity<Role>(e =>
        {
            e.ToTable("roles");
            e.HasKey(r => new { r.OrganizationId, r.Id });
            e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Kind).HasConversion<string>();
            e.Property<List<string>>("_permissions").HasColumnName("permissions").HasConversion(JsonConverter<List<string>>(), JsonComparer<string>());
            e.Ignore(r => r.Permissions);
            Columns(e);
        });

        modelBuilder.Entity<Grant>(e =>
        {
            e.ToTable("grants");
            e.HasKey(g => new { g.OrganizationId, g.Id });
            e.HasOne<Member>().WithMany().HasForeignKey(g => new { g.OrganizationId, g.MemberId }).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(g => g.IsOrganizationWide);
            e.Ignore(g => g.Spec);
            Columns(e);
        });

        modelBuilder.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.HasKey(i => new { i.OrganizationId, i.Id });
            e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(i => i.Status).HasConversion<string>();
            e.Property<List<GrantSpec>>("_grants").HasColumnName("grants").HasConversion(JsonConverter<List<GrantSpec>>(), JsonComparer<GrantSpec>());
            e.Ignore(i => i.Grants);
            e.Ignore(i => i.Targets);
            Columns(e);
        });

        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Id);
            Columns(e);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            Columns(e);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            Columns(e);
        });

        modelBuilder.Entity<PlatformOperator>(e =>
        {
            e.ToTable("platform_operators");
            e.HasKey(p => p.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
            Columns(e);
        });

        modelBuilder.Entity<SetupToken>(e =>
        {
            e.ToTable("setup_tokens");
            e.HasKey(t => t.Id);
            Columns(e);
        });
    }

    /// <inheritdoc/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await SyncMemberDirectoryAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Copies user fields onto new members and onto every membership of a changed user.</summary>
    private async Task SyncMemberDirectoryAsync(CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<Member>().Where(e => e.State == EntityState.Added).ToList())
        {
            var user = await Users.FindAsync([entry.Entity.UserId], cancellationToken)
                ?? throw new InvalidOperationException($"Member {entry.Entity.Id} points at unknown user {entry.Entity.UserId}.");
            CopyDirectoryFields(entry, user);
        }
        foreach (var userEntry in ChangeTracker.Entries<User>().Where(e => e.State == EntityState.Modified).ToList())
        {
            var user = userEntry.Entity;
            var memberships = await Members.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
            foreach (var member in memberships)
            {
                CopyDirectoryFields(Entry(member), user);
            }
        }
    }

    private static void CopyDirectoryFields(EntityEntry<Member> member, User user)
    {
        member.Property<string>(MemberDirectory.SortName).CurrentValue = SortNameOf(user);
        member.Property<string>(MemberDirectory.Email).CurrentValue = user.NormalizedEmail;
        member.Property<DateTimeOffset?>(MemberDirectory.LastLoginAt).CurrentValue = user.LastLoginAt;
        member.Property<UserKind>(MemberDirectory.UserKind).CurrentValue = user.Kind;
    }

    /// <summary>The sort and search key of a user's name.</summary>
    public static string SortNameOf(User user) => user.DisplayName.ToLowerInvariant();

    /// <summary>Names every column in snake_case, matching the migrations.</summary>
    private static void Columns<T>(EntityTypeBuilder<T> entity) where T : class
    {
        foreach (var property in entity.Metadata.GetDeclaredProperties())
        {
            if (property.GetColumnName() is { } name && !name.Contains('_', StringComparison.Ordinal))
            {
                property.SetColumnName(SnakeCase(name.TrimStart('_')));
            }
        }
    }

    /// <summary>"OrganizationId" → "organization_id".</summary>
    public static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static ValueConverter<T, string> JsonConverter<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<T>(s, Json) ?? new T());

    private static ValueComparer<List<T>> JsonComparer<T>() =>
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
