using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 002, B2B micromobility: one role per member (Admin, Read-only or Custom), the account owner and admins manage users.</summary>
public class Seed002Tests
{
    private static GrantSpec Role(string key) => new(key, null);

    [Fact]
    public void Seed002_ReadOnlyMember_EditingIsRefusedNamingTheCategory()
    {
        var account = new MobilityAccount();
        var compiled = account.Org.Compiled;

        var editAssets = compiled.Explain(account.Reader.UserId, "assets.edit", null, null, TimeProvider.System);
        var changeRole = account.Org.Change(OrganizationFixture.As(account.Reader), new ChangeGrantRequest(account.Admin.Id, Role("admin"), Role("read_only")));

        Assert.False(editAssets.Allowed);
        Assert.Equal("missing_permission", editAssets.Reason);
        var refused = account.Org.Model.Catalog.All.Single(p => p.Code == editAssets.Permission);
        Assert.Equal(("Edit assets", "Assets Management"), (refused.Label, refused.Category));
        Assert.Contains("'Edit assets' (Assets Management)", editAssets.Message, StringComparison.Ordinal);
        Assert.Equal($"You need the '{TestModels.Micromobility.LabelOf("members.assign")}' permission in the account; ask someone with the role 'Admin' there.", changeRole.Error!.Message);
    }

    [Fact]
    public void Seed002_EachMemberHasOneRole()
    {
        var account = new MobilityAccount();

        var twoRoles = account.Org.Invite(account.AsAdmin, new InviteRequest("new@example.com", [Role("admin"), Role("read_only")]));
        var changed = account.Org.Change(account.AsAdmin, new ChangeGrantRequest(account.Reader.Id, Role("read_only"), Role("admin")));
        var reader = account.Org.AddMember("Rita Reader", [Role("read_only")]);
        var custom = OrganizationFixture.NewInlineRole("assets.edit");
        var secondRole = account.Org.Assign(account.AsAdmin, new AssignGrantRequest(reader.Id, Role(custom.Key), custom));

        Assert.Equal(ManagementCodes.OneRolePerMember, twoRoles.Code);
        Assert.True(changed.IsAllowed, changed.ToString());
        Assert.Equal([Role("admin")], account.Org.GrantsOf(account.Reader));
        Assert.Equal(ManagementCodes.OneRolePerMember, secondRole.Code);
        Assert.Equal([Role("read_only")], account.Org.GrantsOf(reader));
    }

    [Fact]
    public void Seed002_CustomRole_GivesTheChosenViewOrEditPerCategory()
    {
        var account = new MobilityAccount();
        var custom = OrganizationFixture.NewInlineRole("assets.view", "assets.edit", "claims.view");

        var invited = account.Org.Invite(account.AsAdmin, new InviteRequest("claims@example.com", [Role(custom.Key)], InlineRole: custom));
        account.Org.Accept(account.Org.InvitationFor("claims@example.com"), "Cleo Claims");
        var member = account.Org.Members.Single(m => account.Deployment.Users.Single(u => u.Id == m.UserId).Email == "claims@example.com");

        Assert.True(invited.IsAllowed, invited.ToString());
        Assert.Equal(["assets.view", "assets.edit", "claims.view"], account.Org.Model.Catalog.CodesOf(account.Org.Held(member, null)));
    }

    [Fact]
    public void Seed002_CustomRole_CannotHoldTeamManagement()
    {
        var account = new MobilityAccount();
        var custom = OrganizationFixture.NewInlineRole("assets.view", "members.invite");

        var decision = account.Org.Invite(account.AsAdmin, new InviteRequest("team@example.com", [Role(custom.Key)], InlineRole: custom));

        Assert.Equal(ManagementCodes.InlineRolePermissionNotOffered, decision.Code);
        Assert.Contains(account.Org.Model.LabelOf("members.invite"), decision.Error!.Message, StringComparison.Ordinal);
        Assert.Null(account.Org.Invitations.SingleOrDefault(i => i.Email == "team@example.com"));
    }

    [Fact]
    public void Seed002_CustomRole_CannotBeSavedForReuse()
    {
        var account = new MobilityAccount();

        var decision = account.Org.CreateRole(OrganizationFixture.As(account.Owner), new CreateRoleRequest("Claims desk", ["claims.view"]));

        Assert.Equal(ManagementCodes.CustomRolesDisabled, decision.Code);
    }

    [Fact]
    public void Seed002_OwnerIsProtected()
    {
        var account = new MobilityAccount();
        var ownerMember = account.Owner;

        Assert.Equal(ManagementCodes.OwnerProtected, account.Org.Change(account.AsAdmin, new ChangeGrantRequest(ownerMember.Id, Role("admin"), Role("read_only"))).Code);
        Assert.Equal(ManagementCodes.OwnerProtected, account.Org.Deactivate(account.AsAdmin, ownerMember).Code);
        Assert.Equal(ManagementCodes.OwnerProtected, account.Org.RemoveMember(account.AsAdmin, ownerMember).Code);
        Assert.Equal(ManagementCodes.OwnerOnly, account.Org.ChangeOwner(account.AsAdmin, account.Admin, true).Code);
        Assert.True(account.Org.Change(OrganizationFixture.As(ownerMember), new ChangeGrantRequest(account.Admin.Id, Role("admin"), Role("read_only"))).IsAllowed);
    }

    [Fact]
    public void Seed002_LastOwnerCannotBeRemoved()
    {
        var account = new MobilityAccount();
        var owner = OrganizationFixture.As(account.Owner);

        Assert.Equal(ManagementCodes.LastOwner, account.Org.RemoveMember(owner, account.Owner).Code);
        Assert.Equal("Omar Owner is the last owner of this account; make someone else an owner first.", account.Org.ChangeOwner(owner, account.Owner, false).Error!.Message);
        Assert.True(account.Org.TransferOwnership(owner, account.Admin).IsAllowed);
        Assert.True(account.Org.RemoveMember(OrganizationFixture.As(account.Admin), account.Owner).IsAllowed);
    }

    [Fact]
    public void Seed002_OnlyOwnerAndAdmins_AddUsers()
    {
        var account = new MobilityAccount();

        Assert.Equal(ManagementCodes.MissingPermission, account.Org.Invite(OrganizationFixture.As(account.Reader), new InviteRequest("new@example.com", [Role("read_only")])).Code);
        Assert.True(account.Org.Invite(account.AsAdmin, new InviteRequest("new@example.com", [Role("read_only")])).IsAllowed);
    }
}
