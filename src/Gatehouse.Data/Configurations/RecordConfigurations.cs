using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static Gatehouse.Data.Configurations.ModelConventions;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>audit_events</c> (append-only; platform-level events have no organization).</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("audit_events");
        e.HasKey(a => a.Id);
        e.HasIndex(a => new { a.OrganizationId, a.OccurredAt, a.Id });
        e.HasIndex(a => a.ActorUserId);
        e.Property(a => a.Action).HasMaxLength(CodeLength);
        e.Property(a => a.TargetType).HasMaxLength(CodeLength);
        e.Property(a => a.ActorName).HasMaxLength(EmailLength);
        e.Property(a => a.IpAddress).HasMaxLength(64);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>outbox_messages</c>: emails waiting for delivery.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(m => m.Id);
        e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        e.Property(m => m.Kind).HasMaxLength(CodeLength);
        e.Property(m => m.To).HasMaxLength(EmailLength);
        e.Property(m => m.Status).HasMaxLength(CodeLength);
        e.Property(m => m.DeliveredVia).HasMaxLength(CodeLength);
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.Property(m => m.SupersedeKey).HasMaxLength(NameLength);
        e.HasIndex(m => new { m.SupersedeKey, m.Status });
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>api_keys</c>: only the hash of each key.</summary>
internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("api_keys");
        e.HasKey(k => k.Id);
        e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(k => k.TokenHash).IsUnique();
        e.Property(k => k.TokenHash).HasMaxLength(HashLength);
        e.Property(k => k.Name).HasMaxLength(NameLength);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>platform_operators</c>.</summary>
internal sealed class PlatformOperatorConfiguration : IEntityTypeConfiguration<PlatformOperator>
{
    public void Configure(EntityTypeBuilder<PlatformOperator> e)
    {
        e.ToTable("platform_operators");
        e.HasKey(p => p.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>setup_tokens</c>.</summary>
internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> e)
    {
        e.ToTable("setup_tokens");
        e.HasKey(t => t.Id);
        e.Property(t => t.TokenHash).HasMaxLength(HashLength);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>data_protection_keys</c>: the key ring of ASP.NET Core Data Protection.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(k => k.Id);
        e.UseSnakeCaseColumns();
    }
}
