using Gatehouse.Application;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Audit;

/// <summary>The audit log's use cases called directly, without a web host, on both stores.</summary>
public sealed class AuditHandlerTests
{
    private static Task<Result<Page<AuditEventDto>>> List(UseCaseHost host, Actor actor, AuditEventFilter filter) =>
        host.RunAsync<ListAuditEventsHandler, Result<Page<AuditEventDto>>>(h => h.HandleAsync(actor, new ListAuditEventsQuery(host.OrganizationId, filter)));

    private static async Task<List<Guid>> Ids(UseCaseHost host, Actor actor, AuditEventFilter filter)
    {
        var result = await List(host, actor, filter);
        Assert.True(result.Succeeded, result.ToString());
        return [.. result.Value.Items.Select(e => e.Id)];
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ByTheOwner_IsNewestFirst_InCursorPages_WithoutThePlatformsEvents(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await AuditSeed.AddAsync(host);

        var first = await List(host, host.Owner, new AuditEventFilter(Limit: 2));
        var second = await List(host, host.Owner, new AuditEventFilter(Limit: 2, Cursor: first.Value.NextCursor));

        Assert.Equal([seed.Deactivated, seed.Renamed], first.Value.Items.Select(e => e.Id));
        Assert.Equal([seed.Created], second.Value.Items.Select(e => e.Id));
        Assert.Null(second.Value.NextCursor);
        var renamed = first.Value.Items[1];
        Assert.Equal((host.Owner.UserId, host.Owner.Name, "scope", "Lab", "Bench"),
            (renamed.Actor.UserId, renamed.Actor.Name, renamed.TargetType, renamed.Before?.GetProperty("name").GetString(), renamed.After?.GetProperty("name").GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_Filters_ByActor_ActorEmail_TargetMember_ActionOrPrefix_AndTimeRange(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await AuditSeed.AddAsync(host);

        Assert.Equal([seed.Deactivated], await Ids(host, host.Owner, new AuditEventFilter(ActorUserId: host.Viewer.UserId)));
        Assert.Equal([seed.Deactivated], await Ids(host, host.Owner, new AuditEventFilter(ActorEmail: " VIC@acme.test")));
        Assert.Empty(await Ids(host, host.Owner, new AuditEventFilter(ActorEmail: "nobody@acme.test")));
        Assert.Equal([seed.Deactivated], await Ids(host, host.Owner, new AuditEventFilter(TargetMemberId: seed.TargetMember)));
        Assert.Equal([seed.Renamed, seed.Created], await Ids(host, host.Owner, new AuditEventFilter(Action: "scope.")));
        Assert.Equal([seed.Renamed], await Ids(host, host.Owner, new AuditEventFilter(Action: "scope.renamed")));
        Assert.Empty(await Ids(host, host.Owner, new AuditEventFilter(Action: "scope")));
        var oneMinuteIn = seed.Start.AddMinutes(1).ToString("O");
        Assert.Equal([seed.Deactivated, seed.Renamed], await Ids(host, host.Owner, new AuditEventFilter(From: oneMinuteIn)));
        Assert.Equal([seed.Created], await Ids(host, host.Owner, new AuditEventFilter(To: oneMinuteIn)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_WithATimeThatIsNotIso8601_OrABadCursor_IsInvalid_OnThatField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var time = await List(host, host.Owner, new AuditEventFilter(From: "yesterday"));
        var cursor = await List(host, host.Owner, new AuditEventFilter(Cursor: "not a cursor"));
        var action = await List(host, host.Owner, new AuditEventFilter(Action: new string('a', 101)));

        Assert.Equal((FailureKind.Invalid, WorkCodes.ValidationFailed, "from"), (time.Failure?.Kind, time.Failure?.Code, time.Failure?.Field));
        Assert.Equal("'from' must be a time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z.", time.Failure!.Sentence);
        Assert.Equal((FailureKind.Invalid, "invalid_cursor"), (cursor.Failure?.Kind, cursor.Failure?.Code));
        Assert.Equal((FailureKind.Invalid, "action"), (action.Failure?.Kind, action.Failure?.Field));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_WithoutAuditView_IsForbidden_AndANonMember_IsNotFound(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        await AuditSeed.AddAsync(host);

        var viewer = await List(host, host.Viewer, new AuditEventFilter());
        var stranger = await List(host, host.Stranger, new AuditEventFilter());

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (viewer.Failure?.Kind, viewer.Failure?.Code));
        Assert.Contains("audit", viewer.Failure!.Sentence, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (stranger.Failure?.Kind, stranger.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListPlatform_ByAPlatformOperator_HasOnlyThePlatformsEvents_AndAnyoneElse_IsForbidden(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await AuditSeed.AddAsync(host);
        Task<Result<Page<AuditEventDto>>> Platform(Actor actor) =>
            host.RunAsync<ListPlatformAuditEventsHandler, Result<Page<AuditEventDto>>>(h => h.HandleAsync(actor, new ListPlatformAuditEventsQuery(new AuditEventFilter())));

        var byOperator = await Platform(AuditSeed.Operator);
        var byCli = await Platform(Actor.OperatorCli);
        var byOwner = await Platform(host.Owner);

        Assert.Equal([seed.Platform], byOperator.Value.Items.Select(e => e.Id));
        Assert.Equal([seed.Platform], byCli.Value.Items.Select(e => e.Id));
        Assert.Equal((FailureKind.Forbidden, AuditCodes.PlatformOperatorRequired), (byOwner.Failure?.Kind, byOwner.Failure?.Code));
        Assert.Equal("Only the product's platform operators read the platform's audit log.", byOwner.Failure!.Sentence);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Export_ByTheOwner_NamesTheOrganization_AndPagesEveryMatchingEvent_AndAViewer_IsForbidden(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await AuditSeed.AddAsync(host);

        var (name, ids) = await host.RunAsync<ExportAuditEventsHandler, (string, List<Guid>)>(async h =>
        {
            var export = await h.HandleAsync(host.Owner, new ExportAuditEventsQuery(host.OrganizationId, new AuditEventFilter(Action: "scope.", Limit: 1)));
            var ids = new List<Guid>();
            await foreach (var page in export.Value.Pages)
            {
                ids.AddRange(page.Value.Items.Select(e => e.Id));
            }
            return (export.Value.OrganizationName, ids);
        });
        var refused = await host.RunAsync<ExportAuditEventsHandler, Result<AuditEventExport>>(h =>
            h.HandleAsync(host.Viewer, new ExportAuditEventsQuery(host.OrganizationId, new AuditEventFilter())));

        Assert.Equal("Acme", name);
        // The filter's limit of 1 is ignored: an export reads pages of its own size.
        Assert.Equal([seed.Renamed, seed.Created], ids);
        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (refused.Failure?.Kind, refused.Failure?.Code));
    }
}
