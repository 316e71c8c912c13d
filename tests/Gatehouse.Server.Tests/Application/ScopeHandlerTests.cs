using Gatehouse.Application;
using Gatehouse.Application.Scopes;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Actor = Gatehouse.Application.Actor;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The scope use cases called directly, without a web host, on both stores.</summary>
public sealed class ScopeHandlerTests
{
    private static Task<Result<ScopeDto>> Create(UseCaseHost host, Actor actor, string? name, Guid? parent = null) =>
        host.RunAsync<CreateScopeHandler, Result<ScopeDto>>(h => h.HandleAsync(actor, host.Origin, new CreateScopeCommand(host.OrganizationId, name, parent)));

    private static Task<Result<ScopeDto>> Update(UseCaseHost host, Actor actor, Guid scope, string? name, Guid? parent) =>
        host.RunAsync<UpdateScopeHandler, Result<ScopeDto>>(h => h.HandleAsync(actor, host.Origin, new UpdateScopeCommand(host.OrganizationId, scope, name, parent, false)));

    private static Task<Result<List<ScopeDto>>> List(UseCaseHost host, Actor actor) =>
        host.RunAsync<ListScopesHandler, Result<List<ScopeDto>>>(h => h.HandleAsync(actor, new ListScopesQuery(host.OrganizationId)));

    private static async Task<int> ScopeEventsAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        return await db.AuditEvents.CountAsync(e => e.TargetType == "scope");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByTheOwner_StoresTheScope_ItsAuditEvent_AndListsItUnderItsParent(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var top = await Create(host, host.Owner, "  Lab  ");
        var inside = await Create(host, host.Owner, "Bench", top.Value.Id);

        Assert.True(inside.Succeeded, inside.ToString());
        Assert.Equal(new ScopeDto(top.Value.Id, null, "Lab"), top.Value);
        await using var db = host.Db();
        var created = await db.AuditEvents.Where(e => e.Action == "scope.created" && e.TargetId == top.Value.Id.ToString()).SingleAsync();
        Assert.Equal((host.Owner.UserId, "192.0.2.10", null), (created.ActorUserId, created.IpAddress, created.Before));
        Assert.Equal($"{{\"id\":\"{top.Value.Id}\",\"parentId\":null,\"name\":\"Lab\"}}", created.After);
        var listed = await List(host, host.Viewer);
        Assert.Equal(["Lab", "Bench"], listed.Value.Select(s => s.Name));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByAViewer_IsForbidden_AndStoresNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Create(host, host.Viewer, "Lab");

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (result.Failure?.Kind, result.Failure?.Code));
        await using var db = host.Db();
        Assert.Equal((0, 0), (await db.Scopes.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_WithAName_ContainingAnAngleBracket_IsInvalid_OnTheNameField_AndStoresNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Create(host, host.Owner, "<b>Lab</b>");

        Assert.Equal((FailureKind.Invalid, WorkCodes.ValidationFailed), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal(["name"], result.Failure!.Fields.Keys);
        await using var db = host.Db();
        Assert.Equal((0, 0), (await db.Scopes.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ByANonMember_IsNotFound_LikeAnUnknownOrganization(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await List(host, host.Stranger);

        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (result.Failure?.Kind, result.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RenameAndMove_UnderItsOwnSubScope_IsAScopeCycleConflict_AndNeitherIsStored(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await ScopeSeed.AddAsync(host);

        var result = await Update(host, host.Owner, seed.First, "Renamed", seed.Inner);

        Assert.Equal((FailureKind.Conflict, ScopeCodes.Cycle), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal(["parentId"], result.Failure!.Fields.Keys);
        await using var db = host.Db();
        var first = await db.Scopes.SingleAsync(s => s.Id == seed.First);
        Assert.Equal(("First", (Guid?)null), (first.Name, first.ParentId));
        Assert.Equal(0, await ScopeEventsAsync(host));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Move_ThatWouldGiveCarolAccessTheKeeperLacks_IsRefused_AndTheAdminMayMakeIt(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await ScopeSeed.AddAsync(host);
        var move = new MoveScopeCommand(host.OrganizationId, seed.First, seed.Third);

        var refused = await host.RunAsync<MoveScopeHandler, Result<ScopeDto>>(h => h.HandleAsync(seed.Kim, host.Origin, move));

        Assert.Equal((FailureKind.Forbidden, ScopeCodes.MoveChangesAccess), (refused.Failure?.Kind, refused.Failure?.Code));
        Assert.DoesNotContain("Carol", refused.Failure!.Sentence, StringComparison.Ordinal);
        Assert.Equal(0, await ScopeEventsAsync(host));
        await using (var db = host.Db())
        {
            Assert.Null(await db.Scopes.Where(s => s.Id == seed.First).Select(s => s.ParentId).SingleAsync());
        }
        var moved = await host.RunAsync<MoveScopeHandler, Result<ScopeDto>>(h => h.HandleAsync(host.Owner, host.Origin, move));
        Assert.Equal(new ScopeDto(seed.First, seed.Third, "First"), moved.Value);
        Assert.Equal(1, await ScopeEventsAsync(host));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_AScopeHoldingAnother_IsAConflict_ThenDeletingBoth_RemovesTheirGrants(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await ScopeSeed.AddAsync(host);
        Task<Result<ScopeDto>> Delete(Guid scope) =>
            host.RunAsync<DeleteScopeHandler, Result<ScopeDto>>(h => h.HandleAsync(host.Owner, host.Origin, new DeleteScopeCommand(host.OrganizationId, scope)));

        var holding = await Delete(seed.First);
        Assert.Equal((FailureKind.Conflict, ScopeCodes.HasChildren), (holding.Failure?.Kind, holding.Failure?.Code));
        Assert.Equal(0, await ScopeEventsAsync(host));

        Assert.True((await Delete(seed.Inner)).Succeeded);
        var third = await Delete(seed.Third);

        Assert.Equal(new ScopeDto(seed.Third, null, "Third"), third.Value);
        await using var db = host.Db();
        Assert.False(await db.Grants.AnyAsync(g => g.MemberId == seed.CarolMemberId));
        Assert.True(await db.Members.AnyAsync(m => m.Id == seed.CarolMemberId));
        var deleted = await db.AuditEvents.SingleAsync(e => e.Action == "scope.deleted" && e.TargetId == seed.Third.ToString());
        Assert.Equal($"{{\"scope\":{{\"id\":\"{seed.Third}\",\"parentId\":null,\"name\":\"Third\"}},\"removedGrants\":1}}", deleted.Before);
    }
}
