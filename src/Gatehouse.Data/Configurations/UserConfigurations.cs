using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static Gatehouse.Data.Configurations.ModelConventions;

namespace Gatehouse.Data.Configurations;

/// <summary>Table <c>users</c>: global to the deployment, unique by normalized email.</summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.ToTable("users");
        e.HasKey(u => u.Id);
        e.HasIndex(u => u.NormalizedEmail).IsUnique();
        e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(CodeLength);
        e.Property(u => u.Email).HasMaxLength(EmailLength);
        e.Property(u => u.NormalizedEmail).HasMaxLength(EmailLength);
        e.Property(u => u.FirstName).HasMaxLength(NameLength);
        e.Property(u => u.LastName).HasMaxLength(NameLength);
        e.Property(u => u.Phone).HasMaxLength(50);
        e.Property(u => u.Locale).HasMaxLength(35);
        e.Property(u => u.SecurityStamp).HasMaxLength(CodeLength);
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
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(CodeLength);
        e.Property(m => m.ManagedBy).HasConversion<string>().HasMaxLength(CodeLength);
        e.Property(m => m.Version).IsConcurrencyToken();
        e.Ignore(m => m.IsActive);
        e.Property<string>(GatehouseDb.MemberDirectory.SortName).HasMaxLength(EmailLength);
        e.Property<string>(GatehouseDb.MemberDirectory.Email).HasMaxLength(EmailLength);
        e.Property<DateTimeOffset?>(GatehouseDb.MemberDirectory.LastLoginAt);
        e.Property<UserKind>(GatehouseDb.MemberDirectory.UserKind).HasConversion<string>().HasMaxLength(CodeLength);
        e.UseSnakeCaseColumns();
    }
}
