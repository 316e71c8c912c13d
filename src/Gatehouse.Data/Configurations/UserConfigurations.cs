using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>users</c>: global to the deployment, unique by normalized email.</summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.ToTable("users");
        e.HasKey(u => u.Id);
        e.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
        e.Property(u => u.Kind).HasConversion<string>();
        e.Ignore(u => u.DisplayName);
        e.UseSnakeCaseColumns();
    }
}

/// <summary>
/// Table <c>members</c>, keyed (organization_id, id). The version is a concurrency token: two admins editing
/// one member's access cannot both win. The directory columns copy the user's name, email, latest login
/// and kind (see <see cref="GatehouseDb.MemberDirectory"/>) so the member list sorts and pages on one table.
/// </summary>
internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> e)
    {
        e.ToTable("members");
        e.HasKey(m => new { m.OrganizationId, m.Id });
        e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.NoAction);
        e.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique().HasDatabaseName("ux_members_user");
        e.HasIndex(m => m.UserId).HasDatabaseName("ix_members_user");
        e.Property(m => m.Status).HasConversion<string>();
        e.Property(m => m.ManagedBy).HasConversion<string>();
        e.Property(m => m.Version).IsConcurrencyToken();
        e.Ignore(m => m.IsActive);
        e.Property<string>(GatehouseDb.MemberDirectory.SortName).IsRequired();
        e.Property<string>(GatehouseDb.MemberDirectory.Email).IsRequired();
        e.Property<DateTimeOffset?>(GatehouseDb.MemberDirectory.LastLoginAt);
        e.Property<UserKind>(GatehouseDb.MemberDirectory.UserKind).HasConversion<string>();
        // The member list pages by name, email or latest sign-in inside one organization; "full access" members by name alone.
        // Two indexes on the same columns (one partial) need EF's named indexes; the name is also the database's.
        e.HasIndex([nameof(Member.OrganizationId), GatehouseDb.MemberDirectory.SortName, nameof(Member.Id)], "ix_members_sort_name");
        e.HasIndex(nameof(Member.OrganizationId), GatehouseDb.MemberDirectory.Email, nameof(Member.Id)).HasDatabaseName("ix_members_email");
        e.HasIndex(nameof(Member.OrganizationId), GatehouseDb.MemberDirectory.LastLoginAt, nameof(Member.Id)).HasDatabaseName("ix_members_last_login");
        e.HasIndex([nameof(Member.OrganizationId), GatehouseDb.MemberDirectory.SortName, nameof(Member.Id)], "ix_members_full_access").HasFilter("has_full_access");
        e.UseSnakeCaseColumns();
    }
}
