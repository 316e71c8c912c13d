using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Data.Configurations;

/// <summary>
/// OpenIddict's four tables (clients, authorizations, scopes, tokens) under Gatehouse's naming: <c>oidc_*</c> with snake_case
/// columns, created by migration 0010 like every other table.
/// </summary>
internal static class OidcModel
{
    public static void MapOpenIddict(this ModelBuilder model)
    {
        model.UseOpenIddict();
        Name(model.Entity<OpenIddictEntityFrameworkCoreApplication>(), "oidc_applications");
        Name(model.Entity<OpenIddictEntityFrameworkCoreAuthorization>(), "oidc_authorizations");
        Name(model.Entity<OpenIddictEntityFrameworkCoreScope>(), "oidc_scopes");
        Name(model.Entity<OpenIddictEntityFrameworkCoreToken>(), "oidc_tokens");
    }

    private static void Name<T>(EntityTypeBuilder<T> entity, string table) where T : class
    {
        entity.ToTable(table);
        entity.UseSnakeCaseColumns();
        foreach (var index in entity.Metadata.GetDeclaredIndexes())
        {
            index.SetDatabaseName($"ix_{table}_{string.Join('_', index.Properties.Select(p => ModelConventions.SnakeCase(p.Name)))}");
        }
    }
}

/// <summary>Table <c>oidc_keys</c>: the provider's signing and encryption keys, private halves protected by Data Protection.</summary>
internal sealed class OidcKeyConfiguration : IEntityTypeConfiguration<OidcKey>
{
    public void Configure(EntityTypeBuilder<OidcKey> e)
    {
        e.ToTable("oidc_keys");
        e.HasKey(k => k.Id);
        e.HasIndex(k => new { k.Use, k.CreatedAt }).HasDatabaseName("ix_oidc_keys_use");
        e.UseSnakeCaseColumns();
    }
}
