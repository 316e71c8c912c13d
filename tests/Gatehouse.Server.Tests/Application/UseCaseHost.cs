using Gatehouse.Application;
using Gatehouse.Application.Email;
using Gatehouse.Application.Access;
using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Application;

/// <summary>
/// The application layer without a web host: its services over a migrated database of the test's own (SQLite or
/// PostgreSQL), with an email composer that records what it rendered, and one organization to act in.
/// </summary>
internal sealed partial class UseCaseHost : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;

    private UseCaseHost(TestDatabase database, ServiceProvider services, RecordingComposer composer) =>
        (_database, _services, Composer) = (database, services, composer);

    /// <summary>The server's public URL as the tests' origins give it.</summary>
    public const string PublicUrl = "https://access.example.test";

    /// <summary>The organization every test acts in.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>Olivia, the organization's owner (full access).</summary>
    public Actor Owner { get; private set; } = default!;

    /// <summary>Vic, who holds the viewer role on the whole organization.</summary>
    public Actor Viewer { get; private set; } = default!;

    /// <summary>Somebody with an account but no membership of the organization.</summary>
    public Actor Stranger { get; private set; } = default!;

    /// <summary>Where the tests' requests come from.</summary>
    public Origin Origin { get; } = new("192.0.2.10", "tests", PublicUrl);

    /// <summary>The API keys forgotten so far.</summary>
    public RecordingRevocations Revocations { get; private init; } = default!;

    /// <summary>The emails rendered so far.</summary>
    public RecordingComposer Composer { get; }

    public static async Task<UseCaseHost> StartAsync(string store)
    {
        var database = await TestDatabase.CreateAsync(store);
        var options = new GatehouseOptions { Database = store, ConnectionString = database.ConnectionString };
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(GatehouseHost.LoadAccessModel(options));
        services.AddSingleton(sp => new AccessEngine(sp.GetRequiredService<Core.Model.AccessModel>(), TimeProvider.System));
        services.AddSingleton(new StoreContact(database.IsPostgres, TimeSpan.FromSeconds(60), TimeProvider.System));
        services.AddDbContextFactory<GatehouseDb>(db => GatehouseHost.ConfigureDatabase(db, options));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GatehouseDb>>().CreateDbContext());
        services.AddGatehouseApplication();
        AddAccountServices(services);
        var composer = new RecordingComposer();
        services.AddSingleton<IEmailComposer>(composer);
        var revocations = new RecordingRevocations();
        services.AddSingleton<Gatehouse.Application.ApiKeys.IApiKeyRevocations>(revocations);
        var host = new UseCaseHost(database, services.BuildServiceProvider(), composer) { Revocations = revocations };
        await host.SeedAsync();
        return host;
    }

    /// <summary>Runs <paramref name="use"/> with a fresh scope's <typeparamref name="T"/>, as a surface does per request.</summary>
    public async Task<TResult> RunAsync<T, TResult>(Func<T, Task<TResult>> use) where T : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<T>());
    }

    /// <summary>A fresh context on the database, to see what was stored.</summary>
    public GatehouseDb Db() => _database.Open();

    private async Task SeedAsync()
    {
        await using var db = _database.Open();
        await DatabaseMigrator.MigrateAsync(db);
        var now = TimeProvider.System.GetUtcNow();
        var organization = new Organization(Guid.CreateVersion7(now), "Acme", "standard", null, now);
        db.Organizations.Add(organization);
        OrganizationId = organization.Id;
        Owner = Person(db, "olivia@acme.test", "Olivia", now, member => member.IsOwnerFor(organization.Id, now));
        Viewer = Person(db, "vic@acme.test", "Vic", now, member => member.ViewerFor(db, organization.Id, now));
        Stranger = Person(db, "sam@elsewhere.test", "Sam", now, null);
        await db.SaveChangesAsync();
    }

    private static Actor Person(GatehouseDb db, string email, string name, DateTimeOffset now, Func<Guid, Member>? membership)
    {
        var user = new User(Guid.CreateVersion7(now), email, name, "Tester", now);
        db.Users.Add(user);
        if (membership is not null)
        {
            db.Members.Add(membership(user.Id));
        }
        return new Actor(ActorType.Person, user.Id, user.DisplayName, IsPlatformOperator: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>Memberships the seed gives.</summary>
internal static class Memberships
{
    public static Member IsOwnerFor(this Guid userId, Guid organizationId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), organizationId, userId, now, isOwner: true, hasFullAccess: true);

    public static Member ViewerFor(this Guid userId, GatehouseDb db, Guid organizationId, DateTimeOffset now)
    {
        var member = new Member(Guid.CreateVersion7(now), organizationId, userId, now);
        db.Grants.Add(new Grant(Guid.CreateVersion7(now), organizationId, member.Id, "viewer", null));
        return member;
    }
}

/// <summary>An email composer that renders a stand-in and remembers each invitation email (a unit test's fake).</summary>
internal sealed class RecordingComposer : IEmailComposer
{
    private readonly List<InvitationMail> _invitations = [];

    public IReadOnlyList<InvitationMail> Invitations { get { lock (_invitations) { return [.. _invitations]; } } }

    public Task<ComposedEmail> InvitationAsync(InvitationMail mail) => Remember(mail, "Invitation");

    public Task<ComposedEmail> InvitationResentAsync(InvitationMail mail) => Remember(mail, "Invitation again");

    public Task<ComposedEmail> PasswordResetAsync(PasswordResetMail mail) => Task.FromResult(new ComposedEmail("Reset", mail.Link, mail.Link));

    public Task<ComposedEmail> EmailVerificationAsync(EmailVerificationMail mail) => Task.FromResult(new ComposedEmail("Verify", mail.Link, mail.Link));

    public Task<ComposedEmail> AccessChangedAsync(AccessChangedMail mail) => Task.FromResult(new ComposedEmail("Access", mail.MemberName, mail.MemberName));

    public Task<ComposedEmail> MemberDeactivatedAsync(MembershipEndedMail mail) => Task.FromResult(new ComposedEmail("Deactivated", mail.MemberName, mail.MemberName));

    public Task<ComposedEmail> MemberRemovedAsync(MembershipEndedMail mail) => Task.FromResult(new ComposedEmail("Removed", mail.MemberName, mail.MemberName));

    private Task<ComposedEmail> Remember(InvitationMail mail, string subject)
    {
        lock (_invitations)
        {
            _invitations.Add(mail);
        }
        return Task.FromResult(new ComposedEmail(subject, mail.Link, mail.Link));
    }
}

/// <summary>Remembers which keys the use cases asked every node to forget (a unit test's fake).</summary>
internal sealed class RecordingRevocations : Gatehouse.Application.ApiKeys.IApiKeyRevocations
{
    private readonly List<Guid> _forgotten = [];

    public IReadOnlyList<Guid> Forgotten { get { lock (_forgotten) { return [.. _forgotten]; } } }

    public Task ForgetAsync(GatehouseDb db, Guid? keyId, Guid? userId, CancellationToken cancellationToken)
    {
        lock (_forgotten)
        {
            _forgotten.Add(keyId ?? userId ?? Guid.Empty);
        }
        return Task.CompletedTask;
    }
}
