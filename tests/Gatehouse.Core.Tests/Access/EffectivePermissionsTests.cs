using Gatehouse.Core.Members;
using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>The member's effective set at a target: the union of the grants that apply there.</summary>
public class EffectivePermissionsTests
{
    private readonly OrganizationBuilder _org = new();
    private readonly Guid _north;
    private readonly Guid _berlin;
    private readonly Guid _south;

    public EffectivePermissionsTests()
    {
        _north = _org.Scope("North");
        _berlin = _org.Scope("Berlin", _north);
        _south = _org.Scope("South");
    }

    private IReadOnlyList<string> Effective(Guid user, Guid? scope) =>
        Engine(_org.Build()).Engine.EffectivePermissions(_org.OrganizationId, user, scope);

    [Fact]
    public void EffectivePermissions_AtScope_UnitesOrganizationAndAncestorGrants()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "approver").Grant(ada, "technician", _north).Grant(ada, "viewer", _south);

        Assert.Equal([ViewOwnWorkOrders, CreateWorkOrders, ApproveInvoices], Effective(ada, _berlin));
    }

    [Fact]
    public void EffectivePermissions_AtOrganization_HoldsOnlyOrganizationGrants()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "approver").Grant(ada, "technician", _north);

        Assert.Equal([ApproveInvoices], Effective(ada, null));
    }

    [Fact]
    public void EffectivePermissions_WhenFullAccess_IsTheWholeCatalog()
    {
        var ada = _org.Member("Ada", fullAccess: true);

        Assert.Equal(Definition.Catalog.All.Select(p => p.Code), Effective(ada, _berlin));
    }

    [Fact]
    public void EffectivePermissions_WhenDeactivatedOrLocked_IsEmpty()
    {
        var gone = _org.Member("Bob", MemberStatus.Deactivated);
        var locked = _org.Member("Cy", lockoutEnd: Now.AddHours(1));
        _org.Grant(gone, "manager").Grant(locked, "manager");

        Assert.Empty(Effective(gone, null));
        Assert.Empty(Effective(locked, null));
    }

    [Fact]
    public void EffectivePermissions_WhenScopeUserOrOrganizationIsUnknown_IsEmpty()
    {
        var ada = _org.Member("Ada", fullAccess: true);
        var (engine, _) = Engine(_org.Build());

        Assert.Empty(engine.EffectivePermissions(_org.OrganizationId, ada, Guid.NewGuid()));
        Assert.Empty(engine.EffectivePermissions(_org.OrganizationId, Guid.NewGuid()));
        Assert.Empty(engine.EffectivePermissions(Guid.NewGuid(), ada));
    }

    [Fact]
    public void HeldPermissions_WhenMemberDeactivated_StillReportsTheirGrants()
    {
        var bob = _org.Member("Bob", MemberStatus.Deactivated);
        _org.Grant(bob, "approver", _north);
        var organization = Engine(_org.Build()).Engine.Find(_org.OrganizationId)!;

        var held = organization.HeldPermissions(organization.FindMemberByUser(bob)!, _berlin);

        Assert.Equal([ApproveInvoices], Definition.Catalog.CodesOf(held));
    }

    [Fact]
    public void HeldPermissions_ForMemberOfAnEarlierCompile_ReadsThisCompile()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "approver");
        var (engine, _) = Engine(_org.Build());
        var earlier = engine.Find(_org.OrganizationId)!.FindMemberByUser(ada)!;

        _org.Grant(ada, "viewer");
        var later = engine.Load(_org.Build());

        Assert.Equal([ViewWorkOrders, ViewInvoices, ApproveInvoices], Definition.Catalog.CodesOf(later.HeldPermissions(earlier, null)));
    }
}
