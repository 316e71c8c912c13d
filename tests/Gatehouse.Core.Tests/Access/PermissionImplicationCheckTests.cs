using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Access;

/// <summary>An implied permission is held wherever the permission implying it is: in checks, effective sets, explanations and the management rules.</summary>
public class PermissionImplicationCheckTests
{
    private static Member CustomMember(MobilityAccount account, params string[] permissions)
    {
        var custom = OrganizationFixture.NewInlineRole(permissions);
        var invited = account.Org.Invite(account.AsAdmin, new InviteRequest("custom@example.com", [new GrantSpec(custom.Key, null)], InlineRole: custom));
        Assert.True(invited.IsAllowed, invited.ToString());
        account.Org.Accept(account.Org.InvitationFor("custom@example.com"), "Cleo Custom");
        return account.Org.Members.Single(m => account.Deployment.Users.Single(u => u.Id == m.UserId).Email == "custom@example.com");
    }

    [Fact]
    public void Check_CustomRoleWithEditAlone_AllowsViewInTheSameCategoryOnly()
    {
        var account = new MobilityAccount();
        var member = CustomMember(account, "insurance.edit");
        var compiled = account.Org.Compiled;
        var catalog = account.Org.Model.Catalog;

        bool Allowed(string code) => compiled.Check(member.UserId, catalog.Resolve(code), null, null, TimeProvider.System);

        Assert.True(Allowed("insurance.edit"));
        Assert.True(Allowed("insurance.view"));
        Assert.False(Allowed("claims.view"));
        Assert.Equal(["insurance.view", "insurance.edit"], catalog.CodesOf(compiled.EffectivePermissions(member.Id, null, TimeProvider.System)));
    }

    [Fact]
    public void Explain_ViewHeldThroughEdit_IsGrantedAndNamesThePermissionThatIncludesIt()
    {
        var account = new MobilityAccount();
        var member = CustomMember(account, "insurance.edit");

        var explanation = account.Org.Compiled.Explain(member.UserId, "insurance.view", null, null, TimeProvider.System);

        Assert.True(explanation.Allowed);
        Assert.Equal("granted", explanation.Reason);
        Assert.Single(explanation.AllowingGrants);
        Assert.Contains("('Edit insurance' includes it)", explanation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CustomRoleWithEditAlone_OnAScope_AllowsViewThereAndBelow()
    {
        var acme = new Acme();
        var editors = acme.Org.AddRole("Project editors", "projects.edit");
        var editor = acme.Org.AddMember("Eve Editor", [At(editors.Key, acme.Alpha)]);
        var compiled = acme.Org.Compiled;
        var view = acme.Org.Model.Catalog.Resolve("projects.view");

        Assert.True(compiled.Check(editor.UserId, view, acme.AlphaLab, null, TimeProvider.System));
        Assert.False(compiled.Check(editor.UserId, view, acme.Beta, null, TimeProvider.System));
        Assert.False(compiled.Check(editor.UserId, view, null, null, TimeProvider.System));
    }

    [Fact]
    public void Grant_ARoleHoldingOnlyWhatTheActorHoldsThroughAnImplication_IsWithinTheirOwnAccess()
    {
        var acme = new Acme();
        var leads = acme.Org.AddRole("Project leads", "members.view", "members.assign", "projects.edit");
        var lead = acme.Org.AddMember("Lea Lead", [At(leads.Key, acme.Alpha)]);
        var readers = acme.Org.AddRole("Project readers", "projects.view");
        var reader = acme.Org.AddMember("Rob Reader");

        var granted = acme.Org.Assign(OrganizationFixture.As(lead), new AssignGrantRequest(reader.Id, At(readers.Key, acme.Alpha)));
        var removed = acme.Org.Remove(OrganizationFixture.As(lead), new RemoveGrantRequest(reader.Id, At(readers.Key, acme.Alpha)));

        Assert.True(granted.IsAllowed, granted.ToString());
        Assert.True(removed.IsAllowed, removed.ToString());
    }
}
