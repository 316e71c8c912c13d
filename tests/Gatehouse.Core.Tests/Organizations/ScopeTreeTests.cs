using Gatehouse.Core.Organizations;

namespace Gatehouse.Core.Tests.Organizations;

public class ScopeTreeTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private readonly Scope _region = new(Guid.NewGuid(), Org, null, "North");
    private readonly Scope _store;
    private readonly Scope _bay;
    private readonly Scope _other = new(Guid.NewGuid(), Org, null, "South");

    public ScopeTreeTests()
    {
        _store = new Scope(Guid.NewGuid(), Org, _region.Id, "Store 1");
        _bay = new Scope(Guid.NewGuid(), Org, _store.Id, "Bay A");
    }

    private Scope[] All => [_region, _store, _bay, _other];

    [Fact]
    public void CanMove_UnderAnotherBranch_Succeeds() =>
        Assert.True(ScopeTree.CanMove(All, _store.Id, _other.Id).Succeeded);

    [Fact]
    public void CanMove_ToTheTop_Succeeds() =>
        Assert.True(ScopeTree.CanMove(All, _bay.Id, null).Succeeded);

    [Fact]
    public void CanMove_UnderItself_IsACycle() =>
        Assert.Equal("scope_cycle", ScopeTree.CanMove(All, _store.Id, _store.Id).Error?.Code);

    [Fact]
    public void CanMove_UnderOwnDescendant_IsACycle() =>
        Assert.Equal("scope_cycle", ScopeTree.CanMove(All, _region.Id, _bay.Id).Error?.Code);

    [Fact]
    public void CanMove_UnderUnknownParent_IsRefused() =>
        Assert.Equal("scope_not_found", ScopeTree.CanMove(All, _store.Id, Guid.NewGuid()).Error?.Code);
}
