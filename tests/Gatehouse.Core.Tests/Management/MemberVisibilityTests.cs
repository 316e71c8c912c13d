using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Who a viewer may see, and the one gate every endpoint about one member asks (issue 11, item 6).</summary>
public class MemberVisibilityTests
{
    [Fact]
    public void ScopeViewer_SeesWhoHasAccessAtTheirScopes_OrganizationWideIncluded_AndThemself_NotOthers()
    {
        var acme = new Acme();
        var betaMember = acme.Org.AddMember("Bea Beta", [At("member", acme.Beta)]);
        var labMember = acme.Org.AddMember("Lou Lab", [At("viewer", acme.AlphaLab)]);
        var compiled = acme.Org.Compiled;
        var manager = acme.As(acme.AlphaManager);

        Assert.True(MemberVisibility.RequireVisible(compiled, manager, acme.AlphaMember.Id).IsAllowed);
        Assert.True(MemberVisibility.RequireVisible(compiled, manager, labMember.Id).IsAllowed);
        Assert.True(MemberVisibility.RequireVisible(compiled, manager, acme.AlphaManager.Id).IsAllowed);
        // "See who has access to your workshop": an organization-wide grant reaches Alpha too (seed 000/001).
        Assert.True(MemberVisibility.RequireVisible(compiled, manager, acme.Admin.Id).IsAllowed);
        foreach (var hidden in new[] { betaMember.Id, Guid.NewGuid() })
        {
            var decision = MemberVisibility.RequireVisible(compiled, manager, hidden);
            Assert.Equal((Refusal.NotFound, ManagementCodes.MemberNotFound), (decision.Refusal, decision.Code));
            Assert.DoesNotContain("Bea", decision.Error!.Message, StringComparison.Ordinal);
        }
        Assert.Equal(ManagementCodes.MemberNotFound, MemberVisibility.RequireVisibleUser(compiled, manager, betaMember.UserId).Code);
        Assert.True(MemberVisibility.RequireVisibleUser(compiled, manager, acme.AlphaMember.UserId).IsAllowed);
    }

    [Fact]
    public void ViewerWithoutMembersViewAnywhere_IsToldWhatTheyLack_ButSeesThemself()
    {
        var acme = new Acme();
        var role = acme.Org.AddRole("Builders", "projects.view", "projects.edit");
        var builder = acme.Org.AddMember("Bob Builder", [At(role.Key, acme.Alpha)]);
        var compiled = acme.Org.Compiled;

        var decision = MemberVisibility.RequireVisible(compiled, acme.As(builder), acme.AlphaMember.Id);

        Assert.Equal((Refusal.Forbidden, ManagementCodes.MissingPermission), (decision.Refusal, decision.Code));
        Assert.True(MemberVisibility.RequireVisible(compiled, acme.As(builder), builder.Id).IsAllowed);
    }

    [Fact]
    public void OrganizationViewers_Owners_AndOperators_SeeEveryone()
    {
        var acme = new Acme();
        var compiled = acme.Org.Compiled;

        foreach (var viewer in new[] { acme.As(acme.Admin), acme.As(acme.Owner), acme.Deployment.Operator })
        {
            Assert.All(acme.Org.Members, m => Assert.True(MemberVisibility.RequireVisible(compiled, viewer, m.Id).IsAllowed));
        }
    }
}
