using System.Data.Common;

namespace Gatehouse.Server.Tests.Schema;

/// <summary>
/// Reads the current schema of a PostgreSQL database from <c>information_schema</c>, <c>pg_constraint</c> and
/// <c>pg_index</c>. Constraints and indexes are compared as PostgreSQL itself prints them back
/// (<c>pg_get_constraintdef</c>, <c>pg_get_indexdef</c>), so spelling in the scripts does not matter, meaning does.
/// Column order is not compared (ALTER TABLE appends, EF orders keys first).
/// </summary>
internal static class PostgresCatalog
{
    public static async Task<IReadOnlyList<SchemaFact>> ReadAsync(DbConnection connection, IReadOnlySet<string> ignoredTables)
    {
        var facts = new List<SchemaFact>();
        var tables = await CatalogQuery.RowsAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", r => r.GetString(0));
        facts.AddRange(tables.Where(t => !ignoredTables.Contains(t)).Select(t => new SchemaFact($"table {t}", "exists")));

        var columns = await CatalogQuery.RowsAsync(connection, """
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, c.identity_generation
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema()
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Length: r.IsDBNull(3) ? (int?)null : r.GetInt32(3),
                Nullable: r.GetString(4) == "YES", Identity: r.IsDBNull(5) ? null : r.GetString(5)));
        facts.AddRange(columns.Where(c => !ignoredTables.Contains(c.Table)).Select(c => new SchemaFact($"column {c.Table}.{c.Name}",
            c.Type + (c.Length is { } length ? $"({length})" : string.Empty) + (c.Nullable ? " NULL" : " NOT NULL")
            + (c.Identity is { } identity ? $" GENERATED {identity} AS IDENTITY" : string.Empty))));

        var constraints = await CatalogQuery.RowsAsync(connection, """
            SELECT t.relname, c.conname, c.contype::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema()
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Kind: r.GetString(2), Definition: r.GetString(3)));
        facts.AddRange(constraints.Where(c => !ignoredTables.Contains(c.Table)).Select(c => c.Kind switch
        {
            "p" => new SchemaFact($"primary key {c.Table}", $"{c.Definition} named {c.Name}"),
            // "FOREIGN KEY (a, b) REFERENCES t(x, y) …": the subject is the table and its columns, so a renamed constraint shows as one difference.
            "f" => new SchemaFact($"foreign key {c.Table} {c.Definition[..(c.Definition.IndexOf(')', StringComparison.Ordinal) + 1)]}", $"{c.Definition} named {c.Name}"),
            _ => new SchemaFact($"constraint {c.Table}.{c.Name}", c.Definition),
        }));

        var indexes = await CatalogQuery.RowsAsync(connection, """
            SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)));
        facts.AddRange(indexes.Where(i => !ignoredTables.Contains(i.Table)).Select(i => new SchemaFact($"index {i.Table}.{i.Name}", i.Definition)));
        return facts;
    }
}
