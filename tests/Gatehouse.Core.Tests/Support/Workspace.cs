using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Support;

/// <summary>A GROW-like workspace (workspaces model): projects Apollo and Gemini, a workspace admin, a project admin of Apollo, a viewer.</summary>
internal sealed class Workspace
{
    public Workspace(int? seatLimit = null)
    {
        Deployment = new DeploymentFixture(TestModels.Workspaces);
        Org = Deployment.AddOrganization("Grow Co", seatLimit);
        Apollo = Org.AddScope("Apollo");
        Gemini = Org.AddScope("Gemini");
        Owner = Org.AddMember("Wanda Owner", [new GrantSpec("workspace_admin", null)], owner: true);
        Admin = Org.AddMember("Walt Admin", [new GrantSpec("workspace_admin", null)]);
        ApolloAdmin = Org.AddMember("Pia Project-Admin", [new GrantSpec("project_admin", Apollo)]);
        Viewer = Org.AddMember("Vic Viewer", [new GrantSpec("viewer", Gemini)]);
    }

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Org { get; }

    public Guid Apollo { get; }

    public Guid Gemini { get; }

    public Member Owner { get; }

    public Member Admin { get; }

    public Member ApolloAdmin { get; }

    public Member Viewer { get; }

    public Actor AsAdmin => OrganizationFixture.As(Admin);

    public Actor AsApolloAdmin => OrganizationFixture.As(ApolloAdmin);

    public string EmailOf(Member member) => Deployment.Users.Single(u => u.Id == member.UserId).Email;
}
