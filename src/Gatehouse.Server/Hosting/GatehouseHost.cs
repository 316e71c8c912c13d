using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Gatehouse.Core.Access;
using Gatehouse.Application;
using Gatehouse.Application.Email;
using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Accounts.SelfService;
using Gatehouse.Server.Api;
using Gatehouse.Server.Api.Platform;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gatehouse.Application.Access;

using Gatehouse.Server.Oidc;

namespace Gatehouse.Server.Hosting;

/// <summary>Builds and starts the Gatehouse server: one ASP.NET Core process.</summary>
public static class GatehouseHost
{
    /// <summary>The address <c>dotnet run</c> listens on when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Creates the application with its services and endpoints.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--preset"] = "Gatehouse:Preset",
            ["--model"] = "Gatehouse:AccessModelFile",
            ["--database"] = "Gatehouse:Database",
            ["--connection-string"] = "Gatehouse:ConnectionString",
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>Registers every service.</summary>
    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<GatehouseOptions>(builder.Configuration.GetSection(GatehouseOptions.Section));
        var options = builder.Configuration.GetSection(GatehouseOptions.Section).Get<GatehouseOptions>() ?? new GatehouseOptions();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => LoadAccessModel(sp.GetRequiredService<IOptions<GatehouseOptions>>().Value));
        services.AddSingleton(sp => new AccessEngine(sp.GetRequiredService<AccessModel>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<GatehouseOptions>>().Value;
            return new StoreContact(configured.IsPostgres, configured.StaleCheckLimit, sp.GetRequiredService<TimeProvider>());
        });
        services.AddGatehouseApplication();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<Gatehouse.Application.ApiKeys.IApiKeyRevocations, ApiKeyRevocations>();
        services.AddSingleton<SetupLinks>();
        services.AddSingleton<PublicLinks>();
        AddPublicUrl(builder, options);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        if ((builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions()).Problem() is { } smtpProblem)
        {
            throw new InvalidOperationException(smtpProblem);
        }
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<IEmailComposer>(sp => sp.GetRequiredService<EmailComposer>());
        services.AddSingleton<IAccountMail, TemplateAccountMail>();

        services.AddDbContextFactory<GatehouseDb>((sp, db) => ConfigureDatabase(db, sp.GetRequiredService<IOptions<GatehouseOptions>>().Value));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GatehouseDb>>().CreateDbContext());
        services.AddHttpContextAccessor();
        services.AddHostedService<StartupPreparation>();
        services.AddHostedService<AccessChangeListener>();
        services.AddHostedService<OutboxDelivery>();

        services.AddAccounts(options);
        services.AddOidcProvider(options, builder.Environment);
        services.AddSelfService();
        services.AddRazorComponents();
        services.AddAuthorization();
        // SecurityHeaders sends X-Frame-Options: DENY on every answer, not only on pages with forms.
        services.AddAntiforgery(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        services.AddRateLimits(options);
        services.AddTrustedProxies(builder.Configuration);

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.MaxDepth = 32;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // {"name":"a","name":"b"} is malformed, not "the last one wins": a proxy or a log could read the other value.
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.TypeInfoResolver = (json.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(JsonTextCheck.RefuseNul);
        });
        services.AddProblemDetails();
        // Bad bodies reach ProblemExceptionHandler, which answers with a problem that names what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi("v1", openApi => OpenApiDocumentation.Configure(openApi));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
    }

    /// <summary>
    /// Checks <c>Gatehouse:PublicUrl</c>, refuses to listen beyond loopback without it, and unless <c>AllowedHosts</c>
    /// is configured answers only requests naming the public host or a loopback name.
    /// </summary>
    private static void AddPublicUrl(WebApplicationBuilder builder, GatehouseOptions options)
    {
        if (PublicUrlRule.Problem(options.PublicUrl) is { } publicUrlProblem)
        {
            throw new StartupRefusedException(publicUrlProblem);
        }
        builder.Services.AddTransient<IStartupFilter, ListeningAddressCheck>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(hosts =>
                hosts.AllowedHosts = PublicUrlRule.DefaultAllowedHosts(options.PublicUrl));
        }
    }

    /// <summary>Sets up the request pipeline and maps the endpoints.</summary>
    public static void UsePipeline(WebApplication app)
    {
        if (TrustedProxies.Entries(app.Configuration).Count > 0)
        {
            // First: rate limits, the audit log and the dev mailbox all see the client the trusted proxy names.
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<ServerTiming>();
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePages(StatusCodePages.WriteProblemAsync);
        app.UseMiddleware<RequestSizeLimit>();
        app.Use(TextInput.RefuseNulAsync);
        app.UseStaticFiles();
        if (app.Services.GetRequiredService<IOptions<GatehouseOptions>>().Value.Oidc.Enabled)
        {
            // Before OpenIddict (which answers in the authentication middleware): preflights and CORS headers for browser apps.
            app.UseMiddleware<Oidc.OidcCors>();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.Use(StatusCodePages.RefuseFormsWithoutTokenAsync);
        app.MapOpenApi("/openapi/{documentName}.json");
        ApiReference.Map(app);
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithTags("Health").WithName("health")
            .WithSummary("Liveness").WithDescription("Answers 'ok' while the process serves requests, for load balancers; it makes no database call.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status400BadRequest).AllowAnonymous();
        SetupEndpoints.Map(app);
        ApiEndpoints.Map(app);
        AccountEndpoints.Map(app);
        TimeZoneEndpoint.Map(app);
        OidcEndpoints.Map(app);
        Components.Pages.Organizations.Audit.AuditExport.Map(app);
        app.MapRazorComponents<Components.App>();
    }

    /// <summary>Migrates the database and loads the access model (the setup link is printed once the server listens).</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<GatehouseOptions>>().Value;
        if (!options.IsPostgres && options.EffectiveConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && path != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
        if (options.MigrateOnStart)
        {
            if (!db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            try
            {
                await DatabaseMigrator.MigrateAsync(db, cancellationToken: cancellationToken);
            }
            catch (AppliedMigrationChangedException changed)
            {
                throw new StartupRefusedException(changed.Message);
            }
        }
        _ = services.GetRequiredService<AccessModel>();
    }

    /// <summary>Points EF Core at the configured store.</summary>
    public static void ConfigureDatabase(DbContextOptionsBuilder db, GatehouseOptions options)
    {
        if (options.IsPostgres)
        {
            db.UseNpgsql(PostgresConnectionDefaults.Apply(options.EffectiveConnectionString));
        }
        else
        {
            db.UseSqlite(options.EffectiveConnectionString).AddInterceptors(SqliteBusyWait.Instance);
        }
    }

    /// <summary>The access model the options name: a file, or a preset.</summary>
    public static AccessModel LoadAccessModel(GatehouseOptions options)
    {
        if (options.AccessModelFile is { Length: > 0 } file)
        {
            var loaded = AccessModelLoader.LoadFile(file);
            return loaded.Model ?? throw new InvalidOperationException(
                $"The access model {file} is not valid:{Environment.NewLine}" + string.Join(Environment.NewLine, loaded.Errors.Select(e => "  " + e)));
        }
        return AccessModelPresets.Load(options.Preset).Model ?? throw new InvalidOperationException(
            $"There is no preset '{options.Preset}'. Choose one of: {string.Join(", ", AccessModelPresets.Names)}.");
    }
}
