using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatehouse.Data.Configurations;

/// <summary>What every entity configuration shares: snake_case columns matching the migrations, JSON columns, field lengths.</summary>
internal static class ModelConventions
{
    /// <summary>Display names: organizations, scopes, roles, people.</summary>
    public const int NameLength = 200;

    /// <summary>Email addresses (RFC 5321's path limit).</summary>
    public const int EmailLength = 320;

    /// <summary>Enum values stored as text, and short codes.</summary>
    public const int CodeLength = 64;

    /// <summary>Hex SHA-256 of a secret.</summary>
    public const int HashLength = 64;

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
