using Policy = Gatehouse.Core.Management;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Support;

/// <summary>
/// A small organization on the default model for the rule tests: projects Alpha (holding Alpha Lab) and Beta,
/// an owner, an organization-wide admin, a manager of Alpha, and a member of Alpha.
/// </summary>
internal sealed class Acme
{
    public Acme()
    {
        Deployment = new DeploymentFixture(TestModels.Default);
        Org = Deployment.AddOrganization("Acme");
        Alpha = Org.AddScope("Alpha");
        AlphaLab = Org.AddScope("Alpha Lab", Alpha);
        Beta = Org.AddScope("Beta");
        Owner = Org.AddMember("Olivia Owner", owner: true);
        Admin = Org.AddMember("Adam Admin", [new GrantSpec("admin", null)]);
        AlphaManager = Org.AddMember("Mia Manager", [new GrantSpec("manager", Alpha)]);
        AlphaMember = Org.AddMember("Max Member", [new GrantSpec("member", Alpha)]);
    }

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Org { get; }

    public Guid Alpha { get; }

    public Guid AlphaLab { get; }

    public Guid Beta { get; }

    public Member Owner { get; }

    public Member Admin { get; }

    public Member AlphaManager { get; }

    public Member AlphaMember { get; }

    public static GrantSpec At(string role, Guid? scope) => new(role, scope);

    public Policy.Actor As(Member member) => OrganizationFixture.As(member);
}
