using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Application;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// One Gatehouse server in the test process (WebApplicationFactory) on a fresh database: a SQLite file
/// in a temporary folder, or a new database on the PostgreSQL server that scripts/test.sh started.
/// Tests share a server per (store, preset) and keep apart by creating their own organizations.
/// </summary>
public sealed class GatehouseApp : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private string? _postgresDatabase;
    private bool _kestrel;
    private string? _postgresServer;

    private GatehouseApp(string store, string preset, string connectionString, string folder)
    {
        _folder = folder;
        Store = store;
        Preset = preset;
        ConnectionString = connectionString;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Store { get; }

    /// <summary>The access model preset the server runs with.</summary>
    public string Preset { get; }

    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A client acting as the platform operator created through the setup link.</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Where the server answers: the real loopback address with Kestrel, a placeholder in memory.</summary>
    public Uri BaseUrl => ClientOptions.BaseAddress;

    /// <summary>True when the server listens on a loopback port (Kestrel) rather than running in memory.</summary>
    public bool IsListening => _kestrel;

    /// <summary>Extra configuration for this server.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private init; } = new Dictionary<string, string>();

    /// <summary>The platform operator's API key.</summary>
    public string OperatorKey { get; private set; } = string.Empty;

    /// <summary>Starts a server on a fresh database and creates its platform operator through the setup API.</summary>
    /// <remarks>
    /// With <paramref name="kestrel"/> the server listens on a free port of 127.0.0.1 (for the browser and for
    /// outside programs); <see cref="BaseUrl"/> says where. Otherwise it runs in memory. <paramref name="postgresServer"/>
    /// names a PostgreSQL server of the test's own (<see cref="OwnPostgres"/>) instead of the shared one.
    /// </remarks>
    public static async Task<GatehouseApp> StartAsync(string store, string preset = "default", bool setUp = true, IReadOnlyDictionary<string, string>? settings = null, bool kestrel = false,
        string? postgresServer = null, LogCapture? logs = null)
    {
        var folder = Directory.CreateTempSubdirectory("gatehouse-test-").FullName;
        var (connectionString, database) = await FreshDatabaseAsync(store, postgresServer);
        var app = new GatehouseApp(store, preset, connectionString ?? $"Data Source={Path.Combine(folder, "gatehouse.db")}", folder)
        {
            _postgresDatabase = database,
            _postgresServer = postgresServer,
            Settings = settings ?? new Dictionary<string, string>(),
            _logs = logs,
        };
        if (kestrel)
        {
            app._kestrel = true;
            app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            app.StartServer();
        }
        if (!setUp)
        {
            return app;
        }
        using var setup = app.CreateClient();
        var response = await setup.PostAsJsonAsync("/api/v1/setup", new { token = app.SetupToken(), email = "operator@gatehouse.test", firstName = "Paula", lastName = "Operator", password = "a long operator password" });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<SetupAnswer>();
        app.OperatorKey = created!.ApiKey;
        app.Operator = app.ClientWithKey(created.ApiKey);
        return app;
    }

    /// <summary>The token of the setup link the server printed (starts the server when needed).</summary>
    public string SetupToken()
    {
        _ = Services;
        var link = Services.GetRequiredService<SetupLinks>().CurrentLink ?? throw new InvalidOperationException("The server printed no setup link.");
        return link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
    }

    /// <summary>A second node on the same database with the same settings (as behind a load balancer); disposing it leaves the database alone.</summary>
    public static GatehouseApp AnotherNode(GatehouseApp first)
    {
        var node = new GatehouseApp(first.Store, first.Preset, first.ConnectionString, Directory.CreateTempSubdirectory("gatehouse-test-").FullName)
        {
            OperatorKey = first.OperatorKey,
            Settings = first.Settings,
        };
        node.Operator = node.ClientWithKey(first.OperatorKey);
        return node;
    }

    /// <summary>A client that sends the given API key.</summary>
    public HttpClient ClientWithKey(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Creates an organization through the API as the operator; returns its id.</summary>
    public async Task<Guid> CreateOrganizationAsync(string name = "Org", int? seatLimit = null)
    {
        var response = await Operator.PostAsJsonAsync("/api/v1/organizations", new { name, seatLimit });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdAnswer>())!.Id;
    }

    /// <summary>Creates a scope through the API as the operator; returns its id.</summary>
    public async Task<Guid> CreateScopeAsync(Guid organizationId, string name, Guid? parentId = null)
    {
        var response = await Operator.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/scopes", new { name, parentId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdAnswer>())!.Id;
    }

    /// <summary>
    /// Puts a member straight into the database (no invitation) with an API key, for tests about
    /// what members may do; the invitation flow itself is tested through the API.
    /// </summary>
    public async Task<SeededMember> SeedMemberAsync(Guid organizationId, string email, IEnumerable<GrantSpec>? grants = null,
        bool fullAccess = false, bool owner = false, string? firstName = null, string? lastName = null, string? phone = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
        var now = DateTimeOffset.UtcNow;
        var normalized = EmailAddress.Normalize(email);
        var user = db.Users.SingleOrDefault(u => u.NormalizedEmail == normalized);
        if (user is null)
        {
            user = new User(Guid.CreateVersion7(), email, firstName ?? email.Split('@')[0], lastName ?? "Test", now);
            user.UpdateProfile(user.FirstName, user.LastName, phone, null);
            db.Users.Add(user);
        }
        var member = new Member(Guid.CreateVersion7(), organizationId, user.Id, now, owner, fullAccess);
        db.Members.Add(member);
        foreach (var grant in grants ?? [])
        {
            db.Grants.Add(new Grant(Guid.CreateVersion7(), organizationId, member.Id, grant.RoleKey, grant.ScopeId));
        }
        var (_, key) = Gatehouse.Application.ApiKeys.ApiKeyIssuer.Issue(db, user.Id, null, "test", null, now);
        await db.SaveChangesAsync();
        Services.GetRequiredService<AccessCache>().Invalidate(organizationId);
        return new SeededMember(member.Id, user.Id, key, ClientWithKey(key));
    }

    /// <summary>Gives a user a password straight in the database, for tests that sign in through the pages.</summary>
    public async Task SetPasswordAsync(Guid userId, string password)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.SetPasswordHash(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<User>>().HashPassword(user, password));
        await db.SaveChangesAsync();
    }

    /// <summary>Runs code against the server's database (for assertions that nothing was stored).</summary>
    public async Task<T> InDatabaseAsync<T>(Func<GatehouseDb, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<GatehouseDb>());
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gatehouse:Database", Store);
        builder.UseSetting("Gatehouse:ConnectionString", ConnectionString);
        builder.UseSetting("Gatehouse:Preset", Preset);
        if (!_kestrel)
        {
            // In memory nothing listens, so there is no address to put in links: name one, as an operator would.
            // A listening server puts its real loopback address (with the port it got) in its links.
            builder.UseSetting("Gatehouse:PublicUrl", "http://127.0.0.1");
        }
        // Every test request comes from the same (unknown) address; the limit itself is tested with a server of its own.
        builder.UseSetting("Gatehouse:AnonymousRequestsPerMinute", Settings.GetValueOrDefault("Gatehouse:AnonymousRequestsPerMinute", "1000000"));
        foreach (var limit in new[] { "SignInAttemptsPerMinute", "PasswordResetRequestsPerMinute", "InvitationAcceptsPerMinute", "InvitationResendsPerMinute" })
        {
            builder.UseSetting("Gatehouse:Accounts:" + limit, Settings.GetValueOrDefault("Gatehouse:Accounts:" + limit, "1000000"));
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment(Settings.GetValueOrDefault(WebHostDefaults.EnvironmentKey, "Development"));
        if (_logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    private LogCapture? _logs;

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer ?? PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans temp folders.
        }
    }

    /// <summary>The PostgreSQL server scripts/test.sh started.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("GATEHOUSE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("GATEHOUSE_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a PostgreSQL server for them.");

    /// <summary>A new empty database: (null, null) for SQLite (the caller picks a file), or a new PostgreSQL database and its connection string.</summary>
    internal static async Task<(string? ConnectionString, string? Database)> FreshDatabaseAsync(string store, string? postgresServer = null)
    {
        if (store == "sqlite")
        {
            return (null, null);
        }
        var name = "gh_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(postgresServer ?? PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(postgresServer ?? PostgresServer) { Database = name };
        return (builder.ConnectionString, name);
    }

    private sealed record SetupAnswer(Guid UserId, string ApiKey);

    private sealed record IdAnswer(Guid Id);
}

/// <summary>A member put into the database by a test, with a client acting as them.</summary>
public sealed record SeededMember(Guid MemberId, Guid UserId, string ApiKey, HttpClient Client);
