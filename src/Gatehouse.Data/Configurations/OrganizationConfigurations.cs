using Gatehouse.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>organizations</c>.</summary>
internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.ToTable("organizations");
        e.HasKey(o => o.Id);
        // What the write that moved access_version touched, for the trigger that tells the other nodes (PostgreSQL
        // migration 0014, which empties it again: nothing is kept here). Not part of the domain, so a shadow property.
        e.Property<string?>("AccessChange").HasColumnName("access_change");
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>scopes</c>, keyed (organization_id, id).</summary>
internal sealed class ScopeConfiguration : IEntityTypeConfiguration<Scope>
{
    public void Configure(EntityTypeBuilder<Scope> e)
    {
        e.ToTable("scopes");
        e.HasKey(s => new { s.OrganizationId, s.Id });
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.OrganizationId, s.ParentId }).HasDatabaseName("ix_scopes_parent");
        e.UseSnakeCaseColumns();
    }
}
