using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>A write swaps only the organization it touches.</summary>
public class AccessEngineTests
{
    [Fact]
    public void Load_OfAnotherOrganization_LeavesThisOneUntouched()
    {
        var first = new OrganizationBuilder();
        var ada = first.Member("Ada");
        first.Grant(ada, "viewer");
        var (engine, _) = Engine(first.Build());
        var compiled = engine.Find(first.OrganizationId);

        var second = new OrganizationBuilder();
        second.Member("Bob", fullAccess: true);
        engine.Load(second.Build());
        engine.Invalidate(second.OrganizationId);

        Assert.Same(compiled, engine.Find(first.OrganizationId));
        Assert.True(engine.Check(first.OrganizationId, ada, Resolve(ViewInvoices)));
    }

    [Fact]
    public void Load_OfChangedSnapshot_ReplacesTheOrganization()
    {
        var org = new OrganizationBuilder();
        var ada = org.Member("Ada");
        var (engine, _) = Engine(org.Build());

        org.Grant(ada, "viewer");
        engine.Load(org.Build());

        Assert.True(engine.Check(org.OrganizationId, ada, Resolve(ViewInvoices)));
    }

    [Fact]
    public void Check_WhenUserIsMemberOfTwoOrganizations_UsesOnlyTheAskedOne()
    {
        var first = new OrganizationBuilder();
        var ada = first.Member("Ada");
        first.Grant(ada, "viewer");
        var second = new OrganizationBuilder();
        var snapshot = second.Build() with
        {
            Members = [new(Guid.NewGuid(), ada, "Ada", Members.MemberStatus.Active, IsOwner: false, HasFullAccess: false)],
        };
        var (engine, _) = Engine(first.Build(), snapshot);

        Assert.False(engine.Check(second.OrganizationId, ada, Resolve(ViewInvoices)));
    }
}
