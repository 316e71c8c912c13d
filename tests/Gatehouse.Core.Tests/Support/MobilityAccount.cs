using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Support;

/// <summary>A micromobility account: an owner (with the Admin role), an admin and a read-only member.</summary>
internal sealed class MobilityAccount
{
    public MobilityAccount()
    {
        Deployment = new DeploymentFixture(TestModels.Micromobility);
        Org = Deployment.AddOrganization("Scoot Fleet");
        Owner = Org.AddMember("Omar Owner", [new GrantSpec("admin", null)], owner: true);
        Admin = Org.AddMember("Alma Admin", [new GrantSpec("admin", null)]);
        Reader = Org.AddMember("Remy Reader", [new GrantSpec("read_only", null)]);
    }

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Org { get; }

    public Member Owner { get; }

    public Member Admin { get; }

    public Member Reader { get; }

    public Actor AsAdmin => OrganizationFixture.As(Admin);
}
