namespace Gatehouse.Server.Hosting;

/// <summary>The server's settings: section <c>Gatehouse</c> of appsettings.json, or <c>Gatehouse__*</c> environment variables.</summary>
public sealed class GatehouseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gatehouse";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    public string Database { get; set; } = "sqlite";

    /// <summary>The connection string; for SQLite the default is <c>Data Source=./data/gatehouse.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A built-in access model: default, workshops, micromobility, facilities, workspaces.</summary>
    public string Preset { get; set; } = "default";

    /// <summary>A YAML access model file; wins over <see cref="Preset"/>.</summary>
    public string? AccessModelFile { get; set; }

    /// <summary>The address people reach the server at, used in links (setup, invitations).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Apply migrations at start-up (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Requests per minute per client address to the endpoints that need no key (setup, invitation lookup and accept).</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 30;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The connection string in effect.</summary>
    public string EffectiveConnectionString =>
        ConnectionString ?? (IsPostgres
            ? throw new InvalidOperationException("Gatehouse:Database is 'postgres' but Gatehouse:ConnectionString is not set.")
            : "Data Source=./data/gatehouse.db");

    /// <summary>True for PostgreSQL.</summary>
    public bool IsPostgres => Database.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Database.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
}
