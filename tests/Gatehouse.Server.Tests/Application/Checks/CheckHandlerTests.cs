using Gatehouse.Application;
using Gatehouse.Application.Checks;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Checks;

/// <summary>The access check use cases called directly, without a web host, on both stores.</summary>
public sealed class CheckHandlerTests
{
    private static async Task<Result<CheckAnswer>> Check(UseCaseHost host, Actor actor, Guid userId, string? permission, Guid? scopeId = null) =>
        await host.RunAsync<CheckAccessHandler, Result<CheckAnswer>>(async h => await h.HandleAsync(actor, new CheckAccessQuery(host.OrganizationId, userId, permission, scopeId)));

    private static async Task<Result<BatchCheckAnswer>> Batch(UseCaseHost host, Actor actor, Guid userId, params string[] permissions) =>
        await host.RunAsync<CheckAccessBatchHandler, Result<BatchCheckAnswer>>(async h => await h.HandleAsync(actor,
            new CheckAccessBatchQuery(host.OrganizationId, userId, [.. permissions.Select(p => new BatchItem(p, null, null))])));

    private static async Task<Result<ExplanationDto>> Explain(UseCaseHost host, Actor actor, Guid userId, string permission) =>
        await host.RunAsync<ExplainAccessHandler, Result<ExplanationDto>>(async h => await h.HandleAsync(actor, new ExplainAccessQuery(host.OrganizationId, userId, permission)));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Check_FollowsTheGrants_AndANonMember_IsSimplyNotAllowed(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var viewer = host.Viewer.UserId!.Value;

        Assert.True((await Check(host, host.Owner, viewer, "projects.view")).Value.Allowed);
        Assert.False((await Check(host, host.Owner, viewer, "projects.edit")).Value.Allowed);
        // A product's back end (here product support) asking about someone who is not a member: a plain "no".
        Assert.False((await Check(host, Actor.OperatorCli, host.Stranger.UserId!.Value, "projects.view")).Value.Allowed);
        Assert.False((await Check(host, host.Owner, viewer, "projects.view", Guid.NewGuid())).Value.Allowed);
        Assert.True((await Check(host, host.Viewer, viewer, "projects.view")).Value.Allowed);
        // Both answers are made once: a check allocates no result.
        Assert.Same(CheckAccessHandler.Allowed, await Check(host, Actor.OperatorCli, viewer, "projects.view"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Check_AboutSomeoneElse_WithoutMembersView_IsForbidden_AndAboutOrByANonMember_IsNotFound(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await CheckSeed.AddAsync(host);

        var byPat = await Check(host, seed.Pat, host.Viewer.UserId!.Value, "projects.view");
        var patAboutThemself = await Check(host, seed.Pat, seed.Pat.UserId!.Value, "projects.view");
        var byStranger = await Check(host, host.Stranger, host.Viewer.UserId!.Value, "projects.view");
        var aboutStranger = await Check(host, host.Owner, host.Stranger.UserId!.Value, "projects.view");

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byPat.Failure?.Kind, byPat.Failure?.Code));
        Assert.False(patAboutThemself.Value.Allowed);
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (byStranger.Failure?.Kind, byStranger.Failure?.Code));
        // A member asking about someone who is not a member learns nothing more than about an id that does not exist.
        Assert.Equal((FailureKind.NotFound, MemberCodes.NotFound), (aboutStranger.Failure?.Kind, aboutStranger.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Check_WithAnUnknownPermission_OrNoUser_IsInvalid_OnThatField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var unknown = await Check(host, host.Owner, host.Viewer.UserId!.Value, "projects.fly");
        var none = await Check(host, host.Owner, host.Viewer.UserId!.Value, null);
        var noUser = await Check(host, host.Owner, Guid.Empty, "projects.view");

        Assert.Equal((FailureKind.Invalid, CheckCodes.UnknownPermission, "permission"), (unknown.Failure?.Kind, unknown.Failure?.Code, unknown.Failure?.Field));
        Assert.Equal("'projects.fly' is not a permission of this deployment. Use a codename from the permission catalog.", unknown.Failure!.Sentence);
        Assert.Equal((FailureKind.Invalid, CheckCodes.ValidationFailed, "permission"), (none.Failure?.Kind, none.Failure?.Code, none.Failure?.Field));
        Assert.Equal((FailureKind.Invalid, CheckCodes.ValidationFailed, "userId"), (noUser.Failure?.Kind, noUser.Failure?.Code, noUser.Failure?.Field));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Batch_AnswersEachQuestionInOrder_AndNamesTheFirstUnknownPermission(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var viewer = host.Viewer.UserId!.Value;

        var answered = await Batch(host, host.Owner, viewer, "projects.view", "projects.edit", "members.view", "audit.view");
        var unknown = await Batch(host, host.Owner, viewer, "projects.view", "nope");
        var empty = await Batch(host, host.Owner, viewer);

        Assert.Equal([true, false, true, false], answered.Value.Results);
        Assert.Equal((FailureKind.Invalid, CheckCodes.UnknownPermission, "checks[1].permission"), (unknown.Failure?.Kind, unknown.Failure?.Code, unknown.Failure?.Field));
        Assert.Equal((CheckCodes.ValidationFailed, "checks", "Send between 1 and 1000 checks."), (empty.Failure?.Code, empty.Failure?.Field, empty.Failure?.Sentence));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Explain_NamesTheAllowingGrant_OrWhatIsMissing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var viewer = host.Viewer.UserId!.Value;

        var allowed = await Explain(host, host.Owner, viewer, "projects.view");
        var denied = await Explain(host, host.Owner, viewer, "projects.edit");
        var refused = await Explain(host, host.Stranger, viewer, "projects.view");

        Assert.Equal((true, "granted", "View projects"), (allowed.Value.Allowed, allowed.Value.Reason, allowed.Value.Label));
        Assert.Equal([new AllowingGrantDto("viewer", "Viewer", null)], allowed.Value.AllowingGrants);
        Assert.Equal((false, "missing_permission", "projects.edit"), (denied.Value.Allowed, denied.Value.Reason, denied.Value.MissingPermission));
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (refused.Failure?.Kind, refused.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EffectivePermissions_OfThemself_OrWithMembersView_AndRefusedWithout(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await CheckSeed.AddAsync(host);
        Task<Result<EffectivePermissionsDto>> Effective(Actor actor, Guid memberId, Guid? scopeId = null) =>
            host.RunAsync<GetEffectivePermissionsHandler, Result<EffectivePermissionsDto>>(async h =>
                await h.HandleAsync(actor, new GetEffectivePermissionsQuery(host.OrganizationId, memberId, scopeId)));

        var own = await Effective(host.Viewer, seed.ViewerMemberId);
        var byOwner = await Effective(host.Owner, seed.ViewerMemberId);
        var patsOwn = await Effective(seed.Pat, seed.PatMemberId);
        var byPat = await Effective(seed.Pat, seed.ViewerMemberId);
        var unknownScope = await Effective(host.Viewer, seed.ViewerMemberId, Guid.NewGuid());

        Assert.Equal(["members.view", "projects.view", "documents.view"], own.Value.Permissions);
        Assert.Equal(own.Value.Permissions, byOwner.Value.Permissions);
        Assert.Empty(patsOwn.Value.Permissions);
        Assert.Equal(FailureKind.Forbidden, byPat.Failure?.Kind);
        Assert.Equal((FailureKind.NotFound, ManagementCodes.ScopeNotFound), (unknownScope.Failure?.Kind, unknownScope.Failure?.Code));
    }
}
