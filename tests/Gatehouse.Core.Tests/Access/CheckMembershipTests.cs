using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Clauses 1 and 2 of the access rule: who is in, who is locked out, who bypasses checks.</summary>
public class CheckMembershipTests
{
    private readonly OrganizationBuilder _org = new();

    [Fact]
    public void Check_WhenUserIsNotAMember_IsDenied()
    {
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, Guid.NewGuid(), Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenOrganizationIsNotLoaded_IsDenied()
    {
        var ada = _org.Member("Ada", fullAccess: true);
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(Guid.NewGuid(), ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenOrganizationInvalidated_IsDenied()
    {
        var ada = _org.Member("Ada", fullAccess: true);
        var (engine, _) = Engine(_org.Build());

        engine.Invalidate(_org.OrganizationId);

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenMemberDeactivated_IsDenied()
    {
        var ada = _org.Member("Ada", MemberStatus.Deactivated);
        _org.Grant(ada, "manager");
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenDeactivatedMemberHasFullAccessAndOwnership_IsDenied()
    {
        var ada = _org.Member("Ada", MemberStatus.Deactivated, fullAccess: true, owner: true);
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenLockedUntilFutureTime_IsDenied()
    {
        var ada = _org.Member("Ada", lockoutEnd: Now.AddMinutes(5));
        _org.Grant(ada, "manager");
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenLockoutEndedInThePast_IsAllowed()
    {
        var ada = _org.Member("Ada", lockoutEnd: Now.AddMinutes(-5));
        _org.Grant(ada, "manager");
        var (engine, _) = Engine(_org.Build());

        Assert.True(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenLockoutEndsExactlyNow_IsAllowed()
    {
        var ada = _org.Member("Ada", lockoutEnd: Now);
        _org.Grant(ada, "manager");
        var (engine, _) = Engine(_org.Build());

        Assert.True(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenClockPassesLockoutEnd_IsAllowedWithoutReload()
    {
        var ada = _org.Member("Ada", lockoutEnd: Now.AddMinutes(5));
        _org.Grant(ada, "manager");
        var (engine, clock) = Engine(_org.Build());

        clock.Now = Now.AddMinutes(6);

        Assert.True(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WhenLockedMemberHasFullAccess_IsDenied()
    {
        var ada = _org.Member("Ada", fullAccess: true, lockoutEnd: Now.AddDays(1));
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders)));
    }

    [Fact]
    public void Check_WithoutLockout_DoesNotReadTheClock()
    {
        var ada = _org.Member("Ada");
        _org.Grant(ada, "viewer");
        var (engine, clock) = Engine(_org.Build());

        engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders));

        Assert.Equal(0, clock.Reads);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Check_WhenMemberHasFullAccessOrIsOwner_IsAllowedEverywhere(bool fullAccess, bool owner)
    {
        var region = _org.Scope("North");
        var berlin = _org.Scope("Berlin", region);
        var ada = _org.Member("Ada", fullAccess: fullAccess, owner: owner);
        var (engine, _) = Engine(_org.Build());

        foreach (var permission in Definition.Catalog.All)
        {
            foreach (var scope in new Guid?[] { null, region, berlin })
            {
                Assert.True(engine.Check(_org.OrganizationId, ada, Resolve(permission.Code), scope));
            }
        }
    }

    [Fact]
    public void Check_WhenFullAccessMemberAsksAboutUnknownScope_IsDenied()
    {
        var ada = _org.Member("Ada", fullAccess: true);
        var (engine, _) = Engine(_org.Build());

        Assert.False(engine.Check(_org.OrganizationId, ada, Resolve(ViewWorkOrders), Guid.NewGuid()));
    }

    [Fact]
    public void Check_WhenPermissionIsOutsideTheCatalog_IsDenied()
    {
        var ada = _org.Member("Ada");
        var bob = _org.Member("Bob", fullAccess: true);
        _org.Grant(ada, "manager");
        var (engine, _) = Engine(_org.Build());
        var outside = new PermissionId(Definition.Catalog.Count);

        Assert.False(engine.Check(_org.OrganizationId, ada, outside));
        Assert.False(engine.Check(_org.OrganizationId, bob, outside));
        Assert.False(engine.Check(_org.OrganizationId, ada, new PermissionId(-1)));
    }
}
