using System.Data.Common;

namespace Gatehouse.Server.Tests.Schema;

/// <summary>
/// Reads a SQLite schema from <c>sqlite_master</c> and the table pragmas. Declared types are compared without regard
/// to case (SQLite reads them so); column order is not compared (ALTER TABLE appends, EF orders keys first), and the
/// indexes SQLite makes for primary keys are compared as the primary key.
/// </summary>
internal static class SqliteCatalog
{
    public static async Task<IReadOnlyList<SchemaFact>> ReadAsync(DbConnection connection, IReadOnlySet<string> ignoredTables)
    {
        var facts = new List<SchemaFact>();
        var tables = await CatalogQuery.RowsAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !ignoredTables.Contains(t.Name)))
        {
            facts.Add(new SchemaFact($"table {table}", "exists"));
            var columns = await CatalogQuery.RowsAsync(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@p0) ORDER BY cid",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) != 0, Key: r.GetInt64(3)), table);
            facts.AddRange(columns.Select(c => new SchemaFact($"column {table}.{c.Name}", $"{c.Type.ToUpperInvariant()} {(c.NotNull ? "NOT NULL" : "NULL")}")));
            var key = columns.Where(c => c.Key > 0).OrderBy(c => c.Key).Select(c => c.Name).ToList();
            if (key.Count > 0)
            {
                var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " AUTOINCREMENT" : string.Empty;
                facts.Add(new SchemaFact($"primary key {table}", $"({string.Join(", ", key)}){autoincrement}"));
            }
            facts.AddRange(await ForeignKeysAsync(connection, table));
            facts.AddRange(await IndexesAsync(connection, table));
        }
        return facts;
    }

    private static async Task<IEnumerable<SchemaFact>> ForeignKeysAsync(DbConnection connection, string table)
    {
        var rows = await CatalogQuery.RowsAsync(connection, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@p0) ORDER BY id, seq",
            r => (Id: r.GetInt64(0), Target: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? "(its primary key)" : r.GetString(3), OnUpdate: r.GetString(4), OnDelete: r.GetString(5)),
            table);
        return rows.GroupBy(r => r.Id).Select(key =>
        {
            var first = key.First();
            return new SchemaFact($"foreign key {table} ({string.Join(", ", key.Select(k => k.From))})",
                $"references {first.Target} ({string.Join(", ", key.Select(k => k.To))}) on update {first.OnUpdate} on delete {first.OnDelete}");
        });
    }

    private static async Task<IEnumerable<SchemaFact>> IndexesAsync(DbConnection connection, string table)
    {
        var indexes = await CatalogQuery.RowsAsync(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@p0) WHERE origin <> 'pk'",
            r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Partial: r.GetInt64(3) != 0), table);
        var facts = new List<SchemaFact>();
        foreach (var index in indexes)
        {
            var columns = await CatalogQuery.RowsAsync(connection, "SELECT name, \"desc\" FROM pragma_index_xinfo(@p0) WHERE key = 1 ORDER BY seqno",
                r => (r.IsDBNull(0) ? "(expression)" : r.GetString(0)) + (r.GetInt64(1) != 0 ? " DESC" : string.Empty), index.Name);
            var filter = string.Empty;
            if (index.Partial)
            {
                var sql = (await CatalogQuery.RowsAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @p0", r => r.GetString(0), index.Name)).Single();
                filter = " WHERE " + sql[(sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..].Trim();
            }
            facts.Add(new SchemaFact($"index {table}.{index.Name}", $"{(index.Unique ? "UNIQUE " : string.Empty)}({string.Join(", ", columns)}){filter}"));
        }
        return facts;
    }
}
