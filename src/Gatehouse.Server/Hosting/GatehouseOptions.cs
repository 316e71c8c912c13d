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

    /// <summary>
    /// PostgreSQL: the longest the access-change listener waits without hearing from the database before it pings it;
    /// a ping unanswered for as long counts the connection as lost (default 30 s).
    /// </summary>
    public TimeSpan NotificationKeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// PostgreSQL: how long after this node last heard from the database (through its access-change listener) it keeps
    /// answering access checks from the organizations and API keys it has loaded (default 60 s). Other nodes may be
    /// writing meanwhile; past this, checks read the database again, and answer 503 while it is out of reach.
    /// </summary>
    public TimeSpan StaleCheckLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sign-in, passwords, lockout and sessions.</summary>
    public AccountOptions Accounts { get; set; } = new();

    /// <summary>The certificate that encrypts the Data Protection key ring at rest.</summary>
    public KeyRingOptions KeyRing { get; set; } = new();

    /// <summary>The OpenID Connect provider (docs/oidc.md).</summary>
    public Oidc.OidcOptions Oidc { get; set; } = new();

    /// <summary>The connection string in effect.</summary>
    public string EffectiveConnectionString =>
        ConnectionString ?? (IsPostgres
            ? throw new InvalidOperationException("Gatehouse:Database is 'postgres' but Gatehouse:ConnectionString is not set.")
            : "Data Source=./data/gatehouse.db");

    /// <summary>True for PostgreSQL.</summary>
    public bool IsPostgres => Database.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Database.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section <c>Gatehouse:Accounts</c>: passwords, lockout and sessions.</summary>
public sealed class AccountOptions
{
    /// <summary>Shortest password accepted (default 12).</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Failed sign-ins in a row that pause an account's sign-in (default 5).</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a paused account stays paused, in minutes (default 15).</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a session lasts without use, in hours (default 8; each request extends it).</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>How long password reset and email verification links work, in hours (default 2).</summary>
    public int TokenLifetimeHours { get; set; } = 2;

    /// <summary>Sign-in form posts per minute per client address (default 10).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Forgot-password and reset-password form posts per minute per client address (default 5).</summary>
    public int PasswordResetRequestsPerMinute { get; set; } = 5;

    /// <summary>Accept-invitation form posts per minute per client address (default 10).</summary>
    public int InvitationAcceptsPerMinute { get; set; } = 10;

    /// <summary>Invitations resent through the API per minute per caller (default 20).</summary>
    public int InvitationResendsPerMinute { get; set; } = 20;
}
