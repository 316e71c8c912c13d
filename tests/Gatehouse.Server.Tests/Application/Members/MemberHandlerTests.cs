using Gatehouse.Application;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Members;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>The member use cases called directly, without a web host, on both stores.</summary>
public sealed class MemberHandlerTests
{
    private static Task<Result<Page<MemberDto>>> List(UseCaseHost host, Actor actor, string? sort = null) =>
        host.RunAsync<ListMembersHandler, Result<Page<MemberDto>>>(h => h.HandleAsync(actor, new ListMembersQuery(host.OrganizationId, Sort: sort)));

    private static Task<Result<MemberDto>> Get(UseCaseHost host, Actor actor, Guid memberId) =>
        host.RunAsync<GetMemberHandler, Result<MemberDto>>(h => h.HandleAsync(actor, new GetMemberQuery(host.OrganizationId, memberId)));

    /// <summary>What is stored about the member (grants as "role@scope", joined) and how many audit events there are.</summary>
    private static async Task<(MemberStatus Status, bool IsOwner, int Version, string Grants, int AuditEvents)> StoredAsync(UseCaseHost host, Guid memberId)
    {
        await using var db = host.Db();
        var member = await db.Members.SingleAsync(m => m.Id == memberId);
        var grants = (await db.Grants.Where(g => g.MemberId == memberId).ToListAsync()).Select(g => $"{g.RoleKey}@{g.ScopeId}");
        return (member.Status, member.IsOwner, member.Version, string.Join(",", grants.Order(StringComparer.Ordinal)), await db.AuditEvents.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ByAProjectManager_ShowsWhoHasAccessToHerProject_OrganizationWideIncluded_TheOwnerSeesEveryone_AndAStrangerNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);

        var nina = await List(host, seed.Nina, "email");
        var owner = await List(host, host.Owner, "email");
        var stranger = await List(host, host.Stranger);
        var hidden = await Get(host, seed.Nina, seed.SueMemberId);

        // Her project's people and everyone whose access reaches it: the owner and the organization-wide viewer (seed 000/001).
        Assert.Equal(["max@acme.test", "nina@acme.test", "olivia@acme.test", "vic@acme.test"], nina.Value.Items.Select(m => m.Email));
        Assert.Equal(["max@acme.test", "nina@acme.test", "olivia@acme.test", "sue@acme.test", "vic@acme.test"], owner.Value.Items.Select(m => m.Email));
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (stranger.Failure?.Kind, stranger.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, MemberCodes.NotFound), (hidden.Failure?.Kind, hidden.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_WithAnUnknownSort_IsInvalid_OnTheSortField_WithTheSentenceNamingTheValues(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await List(host, host.Owner, "age");

        Assert.Equal((FailureKind.Invalid, WorkCodes.ValidationFailed, "sort"), (result.Failure?.Kind, result.Failure?.Code, result.Failure?.Field));
        Assert.Equal("'sort' must be one of name, -name, email, -email, lastLogin, -lastLogin.", result.Failure!.Sentence);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReplaceAccess_ByAViewer_IsForbidden_AndAStaleVersion_IsAConflict_EachChangingNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        var before = await StoredAsync(host, seed.MaxMemberId);
        ReplaceMemberAccessCommand Admin(int version) =>
            new(host.OrganizationId, seed.MaxMemberId, version, [new GrantRequest("admin", null)], null, null);

        var byViewer = await host.RunAsync<ReplaceMemberAccessHandler, Result<MemberDto?>>(h => h.HandleAsync(host.Viewer, host.Origin, Admin(before.Version)));
        var stale = await host.RunAsync<ReplaceMemberAccessHandler, Result<MemberDto?>>(h => h.HandleAsync(host.Owner, host.Origin, Admin(before.Version + 1)));

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byViewer.Failure?.Kind, byViewer.Failure?.Code));
        Assert.Equal((FailureKind.Conflict, MemberCodes.VersionConflict), (stale.Failure?.Kind, stale.Failure?.Code));
        Assert.Equal(before, await StoredAsync(host, seed.MaxMemberId));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReplaceAccess_ByTheOwner_StoresTheGrants_ItsAuditEvent_AndAnswersTheMemberAsTheyAreNow(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        var version = (await StoredAsync(host, seed.MaxMemberId)).Version;

        var result = await host.RunAsync<ReplaceMemberAccessHandler, Result<MemberDto?>>(h => h.HandleAsync(host.Owner, host.Origin,
            new ReplaceMemberAccessCommand(host.OrganizationId, seed.MaxMemberId, version, [new GrantRequest("viewer", seed.South)], null, null)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal([("viewer", "South")], result.Value!.Grants.Select(g => (g.RoleKey, g.ScopeName)));
        Assert.Equal($"viewer@{seed.South}", (await StoredAsync(host, seed.MaxMemberId)).Grants);
        await using var db = host.Db();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "member.access_changed" && e.TargetId == seed.MaxMemberId.ToString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Deactivate_ThenReactivate_ByTheProjectManager_ChangeTheStatus_WithAnAuditEventEach_AndAHiddenMemberIsNotFound(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);

        var deactivated = await host.RunAsync<DeactivateMemberHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(seed.Nina, host.Origin, new DeactivateMemberCommand(host.OrganizationId, seed.MaxMemberId)));
        var again = await host.RunAsync<DeactivateMemberHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(seed.Nina, host.Origin, new DeactivateMemberCommand(host.OrganizationId, seed.MaxMemberId)));
        Assert.Equal(MemberStatus.Deactivated, deactivated.Value?.Status);
        Assert.Equal((FailureKind.Conflict, ManagementCodes.MemberAlreadyDeactivated), (again.Failure?.Kind, again.Failure?.Code));
        Assert.Equal(MemberStatus.Deactivated, (await StoredAsync(host, seed.MaxMemberId)).Status);

        var reactivated = await host.RunAsync<ReactivateMemberHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new ReactivateMemberCommand(host.OrganizationId, seed.MaxMemberId)));
        var hidden = await host.RunAsync<DeactivateMemberHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(seed.Nina, host.Origin, new DeactivateMemberCommand(host.OrganizationId, seed.SueMemberId)));

        Assert.Equal(MemberStatus.Active, reactivated.Value?.Status);
        Assert.Equal((FailureKind.NotFound, MemberCodes.NotFound), (hidden.Failure?.Kind, hidden.Failure?.Code));
        Assert.Equal(MemberStatus.Active, (await StoredAsync(host, seed.SueMemberId)).Status);
        await using var db = host.Db();
        var actions = await db.AuditEvents.Where(e => e.TargetId == seed.MaxMemberId.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Equal(["member.deactivated", "member.reactivated"], actions.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Remove_ByTheOwner_DeletesTheMembershipAndItsGrants_KeepsTheAccount_AndAViewerIsForbidden(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);

        var byViewer = await host.RunAsync<RemoveMemberHandler, Result<Guid>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new RemoveMemberCommand(host.OrganizationId, seed.MaxMemberId)));
        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byViewer.Failure?.Kind, byViewer.Failure?.Code));
        Assert.Equal($"member@{seed.North}", (await StoredAsync(host, seed.MaxMemberId)).Grants);

        var removed = await host.RunAsync<RemoveMemberHandler, Result<Guid>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new RemoveMemberCommand(host.OrganizationId, seed.MaxMemberId)));

        Assert.Equal(seed.MaxMemberId, removed.Value);
        await using var db = host.Db();
        Assert.False(await db.Members.AnyAsync(m => m.Id == seed.MaxMemberId));
        Assert.False(await db.Grants.AnyAsync(g => g.MemberId == seed.MaxMemberId));
        Assert.True(await db.Users.AnyAsync(u => u.Email == "max@acme.test"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "member.removed" && e.TargetId == seed.MaxMemberId.ToString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Ownership_TakenFromTheLastOwner_IsAConflict_GivenByANonOwner_IsForbidden_AndNeitherChangesAnything(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        var ownerMemberId = (await List(host, host.Owner)).Value.Items.Single(m => m.IsOwner).MemberId;
        var ownerBefore = await StoredAsync(host, ownerMemberId);
        var maxBefore = await StoredAsync(host, seed.MaxMemberId);

        var last = await host.RunAsync<ChangeOwnershipHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new ChangeOwnershipCommand(host.OrganizationId, ownerMemberId, false)));
        var byNina = await host.RunAsync<ChangeOwnershipHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(seed.Nina, host.Origin, new ChangeOwnershipCommand(host.OrganizationId, seed.MaxMemberId, true)));
        var missing = await host.RunAsync<ChangeOwnershipHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new ChangeOwnershipCommand(host.OrganizationId, seed.MaxMemberId, null)));

        Assert.Equal((FailureKind.Conflict, ManagementCodes.LastOwner), (last.Failure?.Kind, last.Failure?.Code));
        Assert.Equal((FailureKind.Forbidden, ManagementCodes.OwnerOnly), (byNina.Failure?.Kind, byNina.Failure?.Code));
        Assert.Equal((FailureKind.Invalid, "owner"), (missing.Failure?.Kind, missing.Failure?.Field));
        Assert.Equal(ownerBefore, await StoredAsync(host, ownerMemberId));
        Assert.Equal(maxBefore, await StoredAsync(host, seed.MaxMemberId));
    }
}
