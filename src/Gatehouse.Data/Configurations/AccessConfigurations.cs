using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>roles</c>: an organization's custom and inline roles; permissions as a JSON list.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> e)
    {
        e.ToTable("roles");
        e.HasKey(r => new { r.OrganizationId, r.Id });
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.OrganizationId, r.Key }).IsUnique().HasDatabaseName("ux_roles_key");
        e.Property(r => r.Kind).HasConversion<string>();
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
        e.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(g => new { g.OrganizationId, g.MemberId }).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(g => new { g.OrganizationId, g.MemberId }).HasDatabaseName("ix_grants_member");
        // Scope and role carry the member, so the member list's EXISTS filters read the index alone.
        e.HasIndex(g => new { g.OrganizationId, g.ScopeId, g.MemberId }).HasDatabaseName("ix_grants_scope");
        e.HasIndex(g => new { g.OrganizationId, g.RoleKey, g.MemberId }).HasDatabaseName("ix_grants_role");
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
        e.HasIndex(i => i.TokenHash).IsUnique().HasDatabaseName("ux_invitations_token");
        e.HasIndex(i => new { i.OrganizationId, i.NormalizedEmail, i.Status }).HasDatabaseName("ix_invitations_email");
        e.HasIndex(i => new { i.OrganizationId, i.Status, i.SentAt }).HasDatabaseName("ix_invitations_status");
        e.Property(i => i.Status).HasConversion<string>();
        e.Property<List<GrantSpec>>("_grants").HasColumnName("grants").AsJson();
        e.Ignore(i => i.Grants);
        e.Ignore(i => i.Targets);
        e.UseSnakeCaseColumns();
    }
}
