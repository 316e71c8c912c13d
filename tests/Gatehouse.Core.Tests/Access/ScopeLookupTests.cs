using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Scope ancestry as the compiled organization reports it to the management policy.</summary>
public class ScopeLookupTests
{
    private readonly OrganizationBuilder _org = new();
    private readonly Guid _north;
    private readonly Guid _berlin;
    private readonly Guid _mitte;
    private readonly Guid _south;

    public ScopeLookupTests()
    {
        _north = _org.Scope("North");
        _berlin = _org.Scope("Berlin", _north);
        _mitte = _org.Scope("Mitte", _berlin);
        _south = _org.Scope("South");
    }

    [Fact]
    public void SelfAndAncestors_ListsNearestFirst()
    {
        var organization = Engine(_org.Build()).Engine.Find(_org.OrganizationId)!;

        Assert.Equal([_mitte, _berlin, _north], organization.SelfAndAncestors(_mitte).Select(s => s.Id));
        Assert.Empty(organization.SelfAndAncestors(Guid.NewGuid()));
    }

    [Fact]
    public void SelfAndDescendants_ListsTheSubtreeOnly()
    {
        var organization = Engine(_org.Build()).Engine.Find(_org.OrganizationId)!;

        Assert.Equal([_north, _berlin, _mitte], organization.SelfAndDescendants(_north).Select(s => s.Id));
        Assert.Equal([_south], organization.SelfAndDescendants(_south).Select(s => s.Id));
    }

    [Fact]
    public void GrantsApplyingAt_ListsOrganizationAndAncestorGrants()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "viewer").Grant(ada, "approver", _north).Grant(ada, "technician", _south).Grant(ada, "manager", _mitte);
        var organization = Engine(_org.Build()).Engine.Find(_org.OrganizationId)!;

        var grants = organization.GrantsApplyingAt(organization.FindMemberByUser(ada)!, _berlin);

        Assert.Equal(["approver", "viewer"], grants.Select(g => g.RoleKey).Order());
    }

    [Fact]
    public void DescribeTarget_UsesTheModelsWords()
    {
        var organization = Engine(_org.Build()).Engine.Find(_org.OrganizationId)!;

        Assert.Equal("workshop Berlin", organization.DescribeTarget(_berlin));
        Assert.Equal("the organization", organization.DescribeTarget(null));
    }
}
