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
