using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Clause 3 of the access rule: grants on the organization and on a scope and its ancestors.</summary>
public class CheckGrantTests
{
    private readonly OrganizationBuilder _org = new();
    private readonly Guid _north;
    private readonly Guid _south;
    private readonly Guid _berlin;
    private readonly Guid _berlinMitte;
    private readonly Guid _hamburg;
    private readonly Guid _ada;

    public CheckGrantTests()
    {
        _north = _org.Scope("North");
        _south = _org.Scope("South");
        _berlin = _org.Scope("Berlin", _north);
        _berlinMitte = _org.Scope("Berlin Mitte", _berlin);
        _hamburg = _org.Scope("Hamburg", _north);
        _ada = _org.Member("Ada");
    }

    private bool Check(string permission, Guid? scope = null) =>
        Engine(_org.Build()).Engine.Check(_org.OrganizationId, _ada, Resolve(permission), scope);

    [Fact]
    public void Check_WhenRoleGrantedOnOrganization_IsAllowedOnOrganizationAndEveryScope()
    {
        _org.Grant(_ada, "viewer");

        Assert.All(new Guid?[] { null, _north, _south, _berlin, _berlinMitte, _hamburg }, scope => Assert.True(Check(ViewInvoices, scope)));
    }

    [Fact]
    public void Check_WhenRoleGrantedOnOrganization_IsAllowedOnScopeCreatedLater()
    {
        _org.Grant(_ada, "viewer");
        var (engine, _) = Engine(_org.Build());

        var munich = _org.Scope("Munich", _south);
        engine.Load(_org.Build());

        Assert.True(engine.Check(_org.OrganizationId, _ada, Resolve(ViewInvoices), munich));
    }

    [Fact]
    public void Check_WhenRoleGrantedOnParent_IsAllowedOnChildAndGrandchild()
    {
        _org.Grant(_ada, "viewer", _north);

        Assert.True(Check(ViewInvoices, _north));
        Assert.True(Check(ViewInvoices, _berlin));
        Assert.True(Check(ViewInvoices, _berlinMitte));
    }

    [Fact]
    public void Check_WhenRoleGrantedOnScope_IsDeniedOnSibling()
    {
        _org.Grant(_ada, "viewer", _berlin);

        Assert.False(Check(ViewInvoices, _hamburg));
        Assert.False(Check(ViewInvoices, _south));
    }

    [Fact]
    public void Check_WhenRoleGrantedOnScope_IsDeniedOnParentsParentAndOrganization()
    {
        _org.Grant(_ada, "viewer", _berlinMitte);

        Assert.True(Check(ViewInvoices, _berlinMitte));
        Assert.False(Check(ViewInvoices, _berlin));
        Assert.False(Check(ViewInvoices, _north));
        Assert.False(Check(ViewInvoices));
    }

    [Fact]
    public void Check_WhenPermissionIsInNoGrantedRole_IsDenied()
    {
        _org.Grant(_ada, "viewer").Grant(_ada, "technician", _berlin);

        Assert.False(Check(ApproveInvoices, _berlin));
    }

    [Fact]
    public void Check_WhenRolesGrantedAtSeveralLevels_UnitesThemBelow()
    {
        _org.Grant(_ada, "viewer").Grant(_ada, "approver", _north).Grant(_ada, "technician", _berlin);

        Assert.True(Check(ViewInvoices, _berlinMitte));
        Assert.True(Check(ApproveInvoices, _berlinMitte));
        Assert.True(Check(CreateWorkOrders, _berlinMitte));
        Assert.False(Check(CreateWorkOrders, _hamburg));
    }

    [Fact]
    public void Check_WhenScopeIsUnknown_IsDenied()
    {
        _org.Grant(_ada, "manager");

        Assert.False(Check(ViewInvoices, Guid.NewGuid()));
    }

    [Fact]
    public void Check_WhenGrantNamesDeletedRole_GivesNothing()
    {
        _org.Grant(_ada, "r_deleted").Grant(_ada, "r_deleted", _berlin);

        Assert.False(Check(ViewInvoices));
        Assert.False(Check(ViewInvoices, _berlin));
    }

    [Fact]
    public void Check_WhenGrantTargetsScopeOutsideTheOrganization_GivesNothing()
    {
        _org.Grant(_ada, "manager", Guid.NewGuid());

        Assert.False(Check(ViewInvoices));
        Assert.False(Check(ViewInvoices, _berlin));
    }

    [Fact]
    public void Check_WhenCustomRoleGranted_AllowsItsKnownPermissionsOnly()
    {
        var clerk = _org.CustomRole("clerk", ApproveInvoices, "ghost.haunt");
        _org.Grant(_ada, clerk, _berlin);

        Assert.True(Check(ApproveInvoices, _berlin));
        Assert.False(Check(ViewInvoices, _berlin));
    }

    [Fact]
    public void Check_WhenMemberHasGrantsOnManyScopes_FindsTheNearestGrantedAncestor()
    {
        var sites = Enumerable.Range(0, 40).Select(i => _org.Scope($"Site {i}", _north)).ToArray();
        var yard = _org.Scope("Yard", sites[^1]);
        _org.Grant(_ada, "approver", _north);
        foreach (var site in sites)
        {
            _org.Grant(_ada, "viewer", site);
        }

        Assert.True(Check(ViewInvoices, yard));
        Assert.True(Check(ApproveInvoices, yard));
        Assert.True(Check(ApproveInvoices, _berlin));
        Assert.False(Check(ViewInvoices, _berlin));
        Assert.False(Check(ApproveInvoices, _south));
    }
}
