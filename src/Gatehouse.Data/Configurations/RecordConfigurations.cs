using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>audit_events</c> (append-only; platform-level events have no organization).</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("audit_events");
        e.HasKey(a => a.Id);
        e.HasIndex(a => new { a.OrganizationId, a.OccurredAt, a.Id }).HasDatabaseName("ix_audit_events_organization");
        e.HasIndex(a => a.ActorUserId).HasDatabaseName("ix_audit_events_actor");
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>audit_event_places</c>: the places (scopes, or the organization as the empty id) each event touches.</summary>
internal sealed class AuditEventPlaceConfiguration : IEntityTypeConfiguration<AuditEventPlace>
{
    public void Configure(EntityTypeBuilder<AuditEventPlace> e)
    {
        e.ToTable("audit_event_places");
        e.HasKey(p => new { p.EventId, p.ScopeId });
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
        e.HasIndex(m => new { m.SentAt, m.NextAttemptAt }).HasDatabaseName("ix_outbox_pending");
        e.HasIndex(m => new { m.Status, m.NextAttemptAt }).HasDatabaseName("ix_outbox_due");
        e.HasIndex(m => new { m.SupersedeKey, m.Status }).HasDatabaseName("ix_outbox_supersede");
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
        e.HasIndex(k => k.TokenHash).IsUnique().HasDatabaseName("ux_api_keys_token");
        e.HasIndex(k => k.UserId).HasDatabaseName("ix_api_keys_user");
        e.HasIndex(k => k.OrganizationId).HasDatabaseName("ix_api_keys_organization");
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
        e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.NoAction);
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
