using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Clause 4 of the access rule: <c>x.view_own</c> lets a member see the items they own.</summary>
public class CheckViewOwnTests
{
    private readonly OrganizationBuilder _org = new();
    private readonly Guid _berlin;
    private readonly Guid _hamburg;
    private readonly Guid _ada;

    public CheckViewOwnTests()
    {
        _berlin = _org.Scope("Berlin");
        _hamburg = _org.Scope("Hamburg");
        _ada = _org.Member("Ada");
        _org.Grant(_ada, "technician", _berlin);
    }

    private bool CheckView(Guid? scope, Guid? owner, string permission = ViewWorkOrders) =>
        Engine(_org.Build()).Engine.Check(_org.OrganizationId, _ada, Resolve(permission), scope, owner);

    [Fact]
    public void Check_ViewOwn_WhenUserOwnsTheResource_IsAllowed() => Assert.True(CheckView(_berlin, _ada));

    [Fact]
    public void Check_ViewOwn_WhenAnotherUserOwnsTheResource_IsDenied() => Assert.False(CheckView(_berlin, Guid.NewGuid()));

    [Fact]
    public void Check_ViewOwn_WhenNoOwnerIsGiven_IsDenied() => Assert.False(CheckView(_berlin, null));

    [Fact]
    public void Check_ViewOwn_WhereNotGranted_IsDenied() => Assert.False(CheckView(_hamburg, _ada));

    [Fact]
    public void Check_ViewOwn_WhenOwnerAsksForAnotherAction_IsDenied() => Assert.False(CheckView(_berlin, _ada, ApproveInvoices));

    [Fact]
    public void Check_ViewOwn_WhenCatalogHasNoViewOwnForResource_IsDenied() => Assert.False(CheckView(_berlin, _ada, ViewInvoices));
}
