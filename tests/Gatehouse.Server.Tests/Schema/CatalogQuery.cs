using System.Data.Common;

namespace Gatehouse.Server.Tests.Schema;

/// <summary>Runs one catalog query on an open connection; the arguments bind to @p0, @p1, ….</summary>
internal static class CatalogQuery
{
    public static async Task<List<T>> RowsAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, params object[] arguments)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = arguments[i];
            command.Parameters.Add(parameter);
        }
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
