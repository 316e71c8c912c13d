using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Custom roles need <c>roles.manage</c> on the organization and may hold only what the actor holds there.</summary>
public class CustomRoleTests
{
    [Fact]
    public void CreateRole_ByOwner_IsAllowedAndUsable()
    {
        var acme = new Acme();

        var decision = acme.Org.CreateRole(acme.As(acme.Owner), new CreateRoleRequest("Reviewers", ["documents.view", "documents.edit"]));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Contains(acme.Org.Compiled.Roles, r => r.Name == "Reviewers");
    }

    [Fact]
    public void CreateRole_WithoutRolesManageOnTheOrganization_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.CreateRole(acme.As(acme.AlphaManager), new CreateRoleRequest("Reviewers", ["documents.view"]));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Contains("'Manage roles'", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRole_HoldingAPermissionTheActorLacksOnTheOrganization_IsRefused()
    {
        var acme = new Acme();
        var roleMaker = acme.Org.AddRole("Role makers", "roles.manage", "documents.view");
        var maker = acme.Org.AddMember("Rita Roles", [At(roleMaker.Key, null)]);

        var decision = acme.Org.CreateRole(OrganizationFixture.As(maker), new CreateRoleRequest("Editors", ["documents.view", "documents.delete"]));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Contains("'Delete documents'", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EditRole_ThatHoldsMoreThanTheActor_IsRefusedEvenWhenNarrowingIt()
    {
        var acme = new Acme();
        var powerful = acme.Org.AddRole("Powerful", "members.delete", "documents.view");
        var roleMaker = acme.Org.AddRole("Role makers", "roles.manage", "documents.view");
        var maker = acme.Org.AddMember("Rita Roles", [At(roleMaker.Key, null)]);

        var decision = acme.Org.EditRole(OrganizationFixture.As(maker), new EditRoleRequest(powerful.Key, "Powerful", ["documents.view"]));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, acme.Org.DeleteRole(OrganizationFixture.As(maker), new DeleteRoleRequest(powerful.Key)).Code);
    }

    [Fact]
    public void EditOrDeleteSystemRole_IsRefused()
    {
        var acme = new Acme();

        Assert.Equal(ManagementCodes.SystemRoleReadOnly, acme.Org.EditRole(acme.As(acme.Owner), new EditRoleRequest("admin", "Admin", ["documents.view"])).Code);
        Assert.Equal(ManagementCodes.SystemRoleReadOnly, acme.Org.DeleteRole(acme.As(acme.Owner), new DeleteRoleRequest("viewer")).Code);
    }

    [Fact]
    public void CreateRole_WithATakenNameOrNoPermissions_IsRefused()
    {
        var acme = new Acme();

        Assert.Equal(ManagementCodes.RoleNameTaken, acme.Org.CreateRole(acme.As(acme.Owner), new CreateRoleRequest(" viewer ", ["documents.view"])).Code);
        Assert.Equal(ManagementCodes.RoleNameRequired, acme.Org.CreateRole(acme.As(acme.Owner), new CreateRoleRequest(" ", ["documents.view"])).Code);
        Assert.Equal(ManagementCodes.RolePermissionsRequired, acme.Org.CreateRole(acme.As(acme.Owner), new CreateRoleRequest("Empty", [])).Code);
        Assert.Equal(ManagementCodes.UnknownPermission, acme.Org.CreateRole(acme.As(acme.Owner), new CreateRoleRequest("Odd", ["rockets.launch"])).Code);
    }

    [Fact]
    public void CreateRole_WhenTheModelDisablesCustomRoles_IsRefusedClearly()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.CreateRole(OrganizationFixture.As(workspace.Owner), new CreateRoleRequest("Reviewers", ["tasks.view"]));

        Assert.Equal(ManagementCodes.CustomRolesDisabled, decision.Code);
        Assert.Equal("This workspace cannot make its own roles; choose one of the roles that come with the product.", decision.Error!.Message);
    }

    [Fact]
    public void DeleteRole_RemovesItsGrants()
    {
        var acme = new Acme();
        var reviewers = acme.Org.AddRole("Reviewers", "documents.view");
        acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(acme.AlphaMember.Id, At(reviewers.Key, acme.Beta)));

        var decision = acme.Org.DeleteRole(acme.As(acme.Admin), new DeleteRoleRequest(reviewers.Key));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.DoesNotContain(At(reviewers.Key, acme.Beta), acme.Org.GrantsOf(acme.AlphaMember));
    }
}
