using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static Gatehouse.Data.Configurations.ModelConventions;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>roles</c>: an organization's custom and inline roles; permissions as a JSON list.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> e)
    {
        e.ToTable("roles");
        e.HasKey(r => new { r.OrganizationId, r.Id });
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.OrganizationId, r.Key }).IsUnique();
        e.Property(r => r.Key).HasMaxLength(CodeLength);
        e.Property(r => r.Name).HasMaxLength(NameLength);
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(CodeLength);
        e.Property<List<string>>("_permissions").HasColumnName("permissions").AsJson();
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Ignore(r => r.Permissions);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>grants</c>: member × role × target (a null scope is the organization).</summary>
internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> e)
    {
        e.ToTable("grants");
        e.HasKey(g => new { g.OrganizationId, g.Id });
        e.HasOne<Member>().WithMany().HasForeignKey(g => new { g.OrganizationId, g.MemberId }).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(g => new { g.OrganizationId, g.MemberId });
        e.HasIndex(g => new { g.OrganizationId, g.ScopeId });
        e.HasIndex(g => new { g.OrganizationId, g.RoleKey });
        e.Property(g => g.RoleKey).HasMaxLength(CodeLength);
        e.Ignore(g => g.IsOrganizationWide);
        e.Ignore(g => g.Spec);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>Table <c>invitations</c>: the offered grants as a JSON list, the token only as its hash.</summary>
internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.ToTable("invitations");
        e.HasKey(i => new { i.OrganizationId, i.Id });
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(i => i.TokenHash).IsUnique();
        e.HasIndex(i => new { i.OrganizationId, i.NormalizedEmail, i.Status });
        e.Property(i => i.Email).HasMaxLength(EmailLength);
        e.Property(i => i.NormalizedEmail).HasMaxLength(EmailLength);
        e.Property(i => i.TokenHash).HasMaxLength(HashLength);
        e.Property(i => i.Status).HasConversion<string>().HasMaxLength(CodeLength);
        e.Property<List<GrantSpec>>("_grants").HasColumnName("grants").AsJson();
        e.Ignore(i => i.Grants);
        e.Ignore(i => i.Targets);
        e.UseSnakeCaseColumns();
    }
}
