using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Every answer can be explained: which grants allowed it, or what is missing where.</summary>
public class ExplainTests
{
    private readonly OrganizationBuilder _org = new();
    private readonly Guid _north;
    private readonly Guid _berlin;

    public ExplainTests()
    {
        _north = _org.Scope("North");
        _berlin = _org.Scope("Berlin", _north);
    }

    private AccessExplanation Explain(Guid user, string permission, Guid? scope = null, Guid? owner = null) =>
        Engine(_org.Build()).Engine.Explain(_org.OrganizationId, user, permission, scope, owner);

    [Fact]
    public void Explain_WhenGranted_NamesEveryAllowingGrantAndNoOther()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "viewer").Grant(ada, "manager", _north).Grant(ada, "approver", _berlin);

        var answer = Explain(ada, ViewInvoices, _berlin);

        Assert.True(answer.Allowed);
        Assert.Equal("granted", answer.Reason);
        Assert.Equal(["manager", "viewer"], answer.AllowingGrants.Select(g => g.RoleKey).Order());
        Assert.Contains("workshop Berlin", answer.Message, StringComparison.Ordinal);
        Assert.Empty(answer.MissingAt);
    }

    [Fact]
    public void Explain_WhenMissing_ListsSearchedTargetsNearestFirst()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "technician", _berlin);

        var answer = Explain(ada, ApproveInvoices, _berlin);

        Assert.False(answer.Allowed);
        Assert.Equal("missing_permission", answer.Reason);
        Assert.Equal([_berlin, _north, null], answer.MissingAt);
        Assert.Empty(answer.AllowingGrants);
    }

    [Fact]
    public void Explain_WhenMissingOnOrganization_ListsOnlyTheOrganization()
    {
        var ada = _org.Member("Ada");

        Assert.Equal([null], Explain(ada, ApproveInvoices).MissingAt);
    }

    [Fact]
    public void Explain_WhenOwnerSeesOwnItem_IsViewOwnThroughTheGrant()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "technician", _north);

        var answer = Explain(ada, ViewWorkOrders, _berlin, ada);

        Assert.True(answer.Allowed);
        Assert.Equal("view_own", answer.Reason);
        Assert.Equal(_north, Assert.Single(answer.AllowingGrants).ScopeId);
    }

    [Theory]
    [InlineData(true, false, "full_access")]
    [InlineData(false, true, "owner")]
    public void Explain_WhenMemberBypassesChecks_SaysWhy(bool fullAccess, bool owner, string reason)
    {
        var ada = _org.Member("Ada", fullAccess: fullAccess, owner: owner);

        var answer = Explain(ada, ApproveInvoices, _berlin);

        Assert.True(answer.Allowed);
        Assert.Equal(reason, answer.Reason);
    }

    [Fact]
    public void Explain_WhenDenied_GivesTheStableReason()
    {
        var active = _org.Member("Ada", fullAccess: true);
        var gone = _org.Member("Bob", MemberStatus.Deactivated, fullAccess: true);
        var locked = _org.Member("Cy", fullAccess: true, lockoutEnd: Now.AddHours(1));

        Assert.Equal("not_a_member", Explain(Guid.NewGuid(), ViewInvoices).Reason);
        Assert.Equal("member_deactivated", Explain(gone, ViewInvoices).Reason);
        Assert.Equal("account_locked", Explain(locked, ViewInvoices).Reason);
        Assert.Equal("unknown_scope", Explain(active, ViewInvoices, Guid.NewGuid()).Reason);
        Assert.Equal("unknown_permission", Explain(active, "ghost.haunt").Reason);
    }

    [Fact]
    public void Explain_WhenOrganizationIsNotLoaded_IsDenied()
    {
        var (engine, _) = Engine();

        var answer = engine.Explain(Guid.NewGuid(), Guid.NewGuid(), ViewInvoices);

        Assert.False(answer.Allowed);
        Assert.Equal("organization_not_loaded", answer.Reason);
    }
}
