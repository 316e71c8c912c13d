using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatehouse.Data.Configurations;

/// <summary>
/// What every entity configuration shares: snake_case columns matching the migrations, JSON columns.
/// Strings are unbounded <c>TEXT</c> on both stores, as the migrations make them: lengths are checked where input
/// arrives (with a sentence naming the field), so a value the API accepts never becomes a database error.
/// Index names are the migrations' own (<c>ix_</c>, <c>ux_</c>); key constraints are named as PostgreSQL names the
/// migrations' unnamed ones (<see cref="NameConstraintsAsPostgres"/>). Schema/SchemaParityTests holds both to it.
/// </summary>
internal static class ModelConventions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Names every column of the entity in snake_case, matching the hand-written migrations.</summary>
    public static void UseSnakeCaseColumns<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        foreach (var property in entity.Metadata.GetDeclaredProperties())
        {
            if (property.GetColumnName() is { } name && !name.Contains('_', StringComparison.Ordinal))
            {
                property.SetColumnName(SnakeCase(name.TrimStart('_')));
            }
        }
    }

    /// <summary>
    /// Names primary keys <c>{table}_pkey</c> and foreign keys <c>{table}_{columns}_fkey</c>, the names PostgreSQL gives
    /// the migrations' unnamed constraints, so a database the model creates has the same constraint names.
    /// </summary>
    public static void NameConstraintsAsPostgres(this ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var identifier = StoreObjectIdentifier.Table(table, entity.GetSchema());
            entity.FindPrimaryKey()?.SetName($"{table}_pkey");
            foreach (var key in entity.GetForeignKeys())
            {
                key.SetConstraintName($"{table}_{string.Join('_', key.Properties.Select(p => p.GetColumnName(identifier)))}_fkey");
            }
        }
    }

    /// <summary>"OrganizationId" → "organization_id".</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
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

    /// <summary>Stores a list as a JSON text column.</summary>
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            new ValueConverter<List<T>, string>(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<T>>(s, Json) ?? new List<T>()),
            new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()));
}
