using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Support;

/// <summary>An organization on the facilities model with two facilities and an owner.</summary>
internal sealed class Facilities
{
    public Facilities()
    {
        Deployment = new DeploymentFixture(TestModels.Facilities);
        Org = Deployment.AddOrganization("Titanus Stores");
        North = Org.AddScope("North Store");
        South = Org.AddScope("South Store");
        Owner = Org.AddMember("Olga Owner", owner: true);
    }

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Org { get; }

    public Guid North { get; }

    public Guid South { get; }

    public Member Owner { get; }
}
