using Gatehouse.Application;
using Gatehouse.Application.Roles;
using Gatehouse.Application.Work;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The role use cases called directly, without a web host, on both stores.</summary>
public sealed class RoleHandlerTests
{
    private static Task<Result<RoleDto>> CreateAsync(UseCaseHost host, Actor actor, string? name, params string[] permissions) =>
        host.RunAsync<CreateRoleHandler, Result<RoleDto>>(h => h.HandleAsync(actor, host.Origin, new CreateRoleCommand(host.OrganizationId, name, permissions)));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByTheOwner_StoresTheRoleAndItsAuditEvent_AndAnswersWithWhatTheOwnerMayDo(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await CreateAsync(host, host.Owner, " Reader ", "documents.view");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal((RoleKind.Custom, "Reader", 0, true, true),
            (result.Value.Kind, result.Value.Name, result.Value.Version, result.Value.Capabilities.Edit, result.Value.Capabilities.Delete));
        await using var db = host.Db();
        Assert.Equal("Reader", (await db.Roles.SingleAsync(r => r.Kind == RoleKind.Custom)).Name);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "role.created");
        Assert.Equal((host.Owner.UserId, "192.0.2.10", result.Value.Id.ToString()), (audit.ActorUserId, audit.IpAddress, audit.TargetId));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_ByAViewer_IsForbidden_AndLeavesNothingBehind(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await CreateAsync(host, host.Viewer, "Reader", "documents.view");

        Assert.Equal(FailureKind.Forbidden, result.Failure?.Kind);
        await using var db = host.Db();
        Assert.Equal((0, 0), (await db.Roles.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_WithoutAName_IsInvalid_NamingTheField_AndLeavesNothingBehind(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await CreateAsync(host, host.Owner, "  ", "documents.view");

        Assert.Equal((FailureKind.Invalid, WorkCodes.ValidationFailed, "name"), (result.Failure?.Kind, result.Failure?.Code, result.Failure?.Field));
        await using var db = host.Db();
        Assert.Equal((0, 0), (await db.Roles.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Create_WithTheNameOfAnotherRole_IsAConflict_AndStoresNoSecondRole(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        Assert.True((await CreateAsync(host, host.Owner, "Reader", "documents.view")).Succeeded);

        var result = await CreateAsync(host, host.Owner, "Reader", "documents.view");

        Assert.Equal(FailureKind.Conflict, result.Failure?.Kind);
        await using var db = host.Db();
        Assert.Equal((1, 1), (await db.Roles.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Update_WithAStaleVersion_IsAVersionConflict_AndLeavesTheRoleAsItWas(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var role = (await CreateAsync(host, host.Owner, "Reader", "documents.view")).Value;

        var result = await host.RunAsync<UpdateRoleHandler, Result<RoleDto>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new UpdateRoleCommand(host.OrganizationId, role.Id!.Value.ToString(), "Writer", null, Version: 5)));

        Assert.Equal((FailureKind.Conflict, RoleCodes.VersionConflict), (result.Failure?.Kind, result.Failure?.Code));
        await using var db = host.Db();
        var stored = await db.Roles.SingleAsync();
        Assert.Equal(("Reader", 0), (stored.Name, stored.Version));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == "role.updated"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Update_ByTheOwner_RenamesTheRole_AndRecordsBeforeAndAfter(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var role = (await CreateAsync(host, host.Owner, "Reader", "documents.view")).Value;

        var result = await host.RunAsync<UpdateRoleHandler, Result<RoleDto>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new UpdateRoleCommand(host.OrganizationId, role.Key, "Writer", null, Version: 0)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(("Writer", role.Key), (result.Value.Name, result.Value.Key));
        await using var db = host.Db();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "role.updated");
        Assert.Contains("Reader", audit.Before, StringComparison.Ordinal);
        Assert.Contains("Writer", audit.After, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_OfARoleAMemberHolds_IsARoleInUseConflict_AndKeepsTheRole(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var role = (await CreateAsync(host, host.Owner, "Reader", "documents.view")).Value;
        await using (var seed = host.Db())
        {
            var viewer = await seed.Members.SingleAsync(m => m.UserId == host.Viewer.UserId);
            seed.Grants.Add(new Grant(Guid.CreateVersion7(), host.OrganizationId, viewer.Id, role.Key, null));
            await seed.SaveChangesAsync();
        }

        var result = await host.RunAsync<DeleteRoleHandler, Result<Guid>>(h => h.HandleAsync(host.Owner, host.Origin, new DeleteRoleCommand(host.OrganizationId, role.Key)));

        Assert.Equal((FailureKind.Conflict, RoleCodes.InUse), (result.Failure?.Kind, result.Failure?.Code));
        Assert.StartsWith("'Reader' is held by 1 member and offered by 0 pending invitations.", result.Failure!.Sentence, StringComparison.Ordinal);
        await using var db = host.Db();
        Assert.Equal((1, 0), (await db.Roles.CountAsync(), await db.AuditEvents.CountAsync(e => e.Action == "role.deleted")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_OfAnUnheldRole_ByTheOwner_RemovesIt_WithItsAuditEvent(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var role = (await CreateAsync(host, host.Owner, "Reader", "documents.view")).Value;

        var result = await host.RunAsync<DeleteRoleHandler, Result<Guid>>(h => h.HandleAsync(host.Owner, host.Origin, new DeleteRoleCommand(host.OrganizationId, role.Id!.Value.ToString())));

        Assert.Equal(role.Id!.Value, result.Value);
        await using var db = host.Db();
        Assert.Equal((0, 1), (await db.Roles.CountAsync(), await db.AuditEvents.CountAsync(e => e.Action == "role.deleted")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_ByAViewer_IsForbidden_AndKeepsTheRole(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var role = (await CreateAsync(host, host.Owner, "Reader", "documents.view")).Value;

        var result = await host.RunAsync<DeleteRoleHandler, Result<Guid>>(h => h.HandleAsync(host.Viewer, host.Origin, new DeleteRoleCommand(host.OrganizationId, role.Key)));

        Assert.Equal(FailureKind.Forbidden, result.Failure?.Kind);
        await using var db = host.Db();
        Assert.Equal(1, await db.Roles.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ShowsSystemRolesThenCustomOnes_WithWhatEachReaderMayDo_AndIsNotFoundForAStranger(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        await CreateAsync(host, host.Owner, "Reader", "documents.view");

        var asViewer = await host.RunAsync<ListRolesHandler, Result<List<RoleDto>>>(h => h.HandleAsync(host.Viewer, new ListRolesQuery(host.OrganizationId)));
        var asStranger = await host.RunAsync<ListRolesHandler, Result<List<RoleDto>>>(h => h.HandleAsync(host.Stranger, new ListRolesQuery(host.OrganizationId)));

        Assert.True(asViewer.Succeeded, asViewer.ToString());
        Assert.Equal(RoleKind.Custom, asViewer.Value[^1].Kind);
        Assert.All(asViewer.Value.SkipLast(1), r => Assert.Equal(RoleKind.System, r.Kind));
        Assert.Equal(new RoleCapabilities(false, false), asViewer.Value[^1].Capabilities);
        Assert.Equal(1, asViewer.Value.Single(r => r.Key == "viewer").InUse);
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (asStranger.Failure?.Kind, asStranger.Failure?.Code));
    }
}
