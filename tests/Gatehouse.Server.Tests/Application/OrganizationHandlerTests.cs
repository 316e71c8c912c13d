using Gatehouse.Application;
using Gatehouse.Application.Organizations;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The organization and seat use cases called directly, without a web host, on both stores.</summary>
public sealed class OrganizationHandlerTests
{
    private static Task<Result<OrganizationDto>> Create(UseCaseHost host, Actor actor, CreateOrganizationCommand command) =>
        host.RunAsync<CreateOrganizationHandler, Result<OrganizationDto>>(h => h.HandleAsync(actor, host.Origin, command));

    private static Task<Result<OrganizationDto>> Update(UseCaseHost host, Actor actor, UpdateOrganizationCommand command) =>
        host.RunAsync<UpdateOrganizationHandler, Result<OrganizationDto>>(h => h.HandleAsync(actor, host.Origin, command));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByTheOperatorCli_StoresIt_AndItsAuditEvent_NamingTheCli(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Create(host, Actor.OperatorCli, new CreateOrganizationCommand(" Globex ", null, 5));

        Assert.Equal(("Globex", "standard", (int?)5), (result.Value.Name, result.Value.Plan, result.Value.SeatLimit));
        await using var db = host.Db();
        Assert.True(await db.Organizations.AnyAsync(o => o.Id == result.Value.Id));
        var created = await db.AuditEvents.SingleAsync(e => e.Action == "organization.created");
        Assert.Equal((null, Actor.OperatorCliName, result.Value.Id.ToString()), (created.ActorUserId, created.ActorName, created.TargetId));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByAnOwner_IsForbidden_PlatformOperatorRequired_AndStoresNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Create(host, host.Owner, new CreateOrganizationCommand("Globex", null, null));

        Assert.Equal((FailureKind.Forbidden, OrganizationCodes.PlatformOperatorRequired), (result.Failure?.Kind, result.Failure?.Code));
        await using var db = host.Db();
        Assert.Equal((1, 0), (await db.Organizations.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_WithANegativeSeatLimit_IsInvalid_OnTheSeatLimitField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Create(host, Actor.OperatorCli, new CreateOrganizationCommand("Globex", null, -1));

        Assert.Equal((FailureKind.Invalid, WorkCodes.ValidationFailed), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal(["seatLimit"], result.Failure!.Fields.Keys);
        await using var db = host.Db();
        Assert.Equal(1, await db.Organizations.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Update_RenameByTheOwner_WithAPlanChange_IsForbidden_AndTheRenameIsNotKeptEither(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Update(host, host.Owner, new UpdateOrganizationCommand(host.OrganizationId, "Acme Two", "gold", null, false));
        var byViewer = await Update(host, host.Viewer, new UpdateOrganizationCommand(host.OrganizationId, "Acme Three", null, null, false));

        Assert.Equal((FailureKind.Forbidden, OrganizationCodes.PlatformOperatorRequired), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byViewer.Failure?.Kind, byViewer.Failure?.Code));
        await using var db = host.Db();
        var organization = await db.Organizations.SingleAsync();
        Assert.Equal(("Acme", "standard"), (organization.Name, organization.Plan));
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Update_RenameByTheOwner_IsKept_AndReadBackWithTheSeats(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var renamed = await Update(host, host.Owner, new UpdateOrganizationCommand(host.OrganizationId, "Acme Two", null, null, false));
        var read = await host.RunAsync<GetOrganizationHandler, Result<OrganizationDto>>(h => h.HandleAsync(host.Viewer, new GetOrganizationQuery(host.OrganizationId)));
        var seats = await host.RunAsync<GetSeatsHandler, Result<SeatsDto>>(h => h.HandleAsync(host.Viewer, new GetSeatsQuery(host.OrganizationId)));
        var listed = await host.RunAsync<ListOrganizationsHandler, Result<Page<OrganizationDto>>>(h => h.HandleAsync(host.Owner, new ListOrganizationsQuery()));

        Assert.Equal("Acme Two", renamed.Value.Name);
        Assert.Equal(renamed.Value, read.Value);
        Assert.Equal((2, (int?)null), (seats.Value.Used, seats.Value.Limit));
        Assert.Equal([renamed.Value], listed.Value.Items);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Reads_ByANonMember_AreNotFound_AndTheirListIsEmpty(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var read = await host.RunAsync<GetOrganizationHandler, Result<OrganizationDto>>(h => h.HandleAsync(host.Stranger, new GetOrganizationQuery(host.OrganizationId)));
        var seats = await host.RunAsync<GetSeatsHandler, Result<SeatsDto>>(h => h.HandleAsync(host.Stranger, new GetSeatsQuery(host.OrganizationId)));
        var listed = await host.RunAsync<ListOrganizationsHandler, Result<Page<OrganizationDto>>>(h => h.HandleAsync(host.Stranger, new ListOrganizationsQuery()));

        Assert.Equal(WorkCodes.OrganizationNotFound, read.Failure?.Code);
        Assert.Equal(WorkCodes.OrganizationNotFound, seats.Failure?.Code);
        Assert.Empty(listed.Value.Items);
    }
}
