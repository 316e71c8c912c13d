using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Support;

/// <summary>
/// A ConnectedWorkshop market organisation (workshops model): workshops Aarhus (A), Berlin (B) and Copenhagen (C),
/// a manager of A and B, a basic user of A, an organisational manager and an owner.
/// </summary>
internal sealed class WorkshopMarket
{
    public WorkshopMarket()
    {
        Deployment = new DeploymentFixture(TestModels.Workshops);
        Org = Deployment.AddOrganization("Denmark");
        A = Org.AddScope("Aarhus");
        B = Org.AddScope("Berlin");
        C = Org.AddScope("Copenhagen");
        Owner = Org.AddMember("Ole Owner", owner: true);
        OrganisationalManager = Org.AddMember("Oda Org-Manager", [new GrantSpec("manager", null)]);
        ManagerAB = Org.AddMember("Mads Manager", [new GrantSpec("manager", A), new GrantSpec("manager", B)]);
        BasicA = Org.AddMember("Bent Basic", [new GrantSpec("basic", A)]);
    }

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Org { get; }

    public Guid A { get; }

    public Guid B { get; }

    public Guid C { get; }

    public Member Owner { get; }

    public Member OrganisationalManager { get; }

    public Member ManagerAB { get; }

    public Member BasicA { get; }

    public static GrantSpec Manager(Guid? workshop) => new("manager", workshop);

    public static GrantSpec Basic(Guid? workshop) => new("basic", workshop);

    public static Actor As(Member member) => OrganizationFixture.As(member);
}
