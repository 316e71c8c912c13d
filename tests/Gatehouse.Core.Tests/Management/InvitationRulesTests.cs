using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: invitations only to targets where the inviter holds <c>members.invite</c>; revoke and resend need it at every target.</summary>
public class InvitationRulesTests
{
    [Fact]
    public void Invite_ToScopeWhereInviterHasNoInvitePermission_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.AlphaManager), new InviteRequest("new@example.com", [At("viewer", acme.Alpha), At("viewer", acme.Beta)]));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Contains("project Beta", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invite_OrganizationWide_ByScopeManager_IsRefusedNamingTheOrganization()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.AlphaManager), new InviteRequest("new@example.com", [At("viewer", null)]));

        Assert.Equal($"You need the '{TestModels.Default.LabelOf("members.invite")}' permission in the organization; ask someone with the role 'Admin' or 'Manager' there.", decision.Error!.Message);
    }

    [Fact]
    public void Invite_WithNothingToGive_IsInvalid()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("new@example.com", []));

        Assert.Equal(ManagementCodes.AccessRequired, decision.Code);
        Assert.Equal(Refusal.Invalid, decision.Refusal);
    }

    [Fact]
    public void Invite_WithInvalidEmail_IsInvalidOnTheEmailField()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("not-an-address", [At("viewer", null)]));

        Assert.Equal("email_invalid", decision.Code);
        Assert.Equal("email", decision.Error!.Field);
    }

    [Fact]
    public void Invite_PersonWhoIsAlreadyAMember_IsAConflict()
    {
        var acme = new Acme();
        var user = acme.Deployment.Users.Single(u => u.Id == acme.AlphaMember.UserId);

        var decision = acme.Org.Invite(acme.As(acme.Admin), new InviteRequest(user.Email, [At("viewer", acme.Beta)], ExistingUserId: user.Id));

        Assert.Equal(ManagementCodes.AlreadyMember, decision.Code);
    }

    [Fact]
    public void Revoke_InvitationCoveringAScopeTheActorDoesNotManage_IsRefused()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("new@example.com", [At("viewer", acme.Alpha), At("viewer", acme.Beta)]));
        var invitation = acme.Org.InvitationFor("new@example.com");

        Assert.Equal(ManagementCodes.MissingPermission, acme.Org.Revoke(acme.As(acme.AlphaManager), invitation).Code);
        Assert.Equal(ManagementCodes.MissingPermission, acme.Org.Resend(acme.As(acme.AlphaManager), invitation).Code);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
    }

    [Fact]
    public void Revoke_FullAccessInvitation_NeedsInviteOnTheOrganization()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Owner), new InviteRequest("boss@example.com", [At("viewer", acme.Alpha)], FullAccess: true));
        var invitation = acme.Org.InvitationFor("boss@example.com");

        Assert.Equal(ManagementCodes.MissingPermission, acme.Org.Revoke(acme.As(acme.AlphaManager), invitation).Code);
        // Sending full access takes full access or ownership, so withdrawing it does too (issue 11, item 4).
        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, acme.Org.Revoke(acme.As(acme.Admin), invitation).Code);
        Assert.True(acme.Org.Revoke(acme.As(acme.Owner), invitation).IsAllowed);
    }

    [Fact]
    public void ResendAndRevoke_InvitationOfferingARoleAboveTheActorsOwn_AreRefused_LikeSendingIt()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("boss@example.com", [At("admin", acme.Alpha)]));
        var invitation = acme.Org.InvitationFor("boss@example.com");
        var manager = acme.As(acme.AlphaManager);
        var token = invitation.TokenHash;

        var sending = Invite.Evaluate(acme.Org.Compiled, manager, new InviteRequest("other@example.com", [At("admin", acme.Alpha)]));
        var resend = acme.Org.Resend(manager, invitation);
        var revoke = acme.Org.Revoke(manager, invitation);

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, sending.Code);
        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, resend.Code);
        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, revoke.Code);
        Assert.Equal(Refusal.Forbidden, revoke.Refusal);
        Assert.Contains("'Admin' in project Alpha", revoke.Error!.Message, StringComparison.Ordinal);
        Assert.Equal((InvitationStatus.Pending, token), (invitation.Status, invitation.TokenHash));
        Assert.Equal(new InvitationCapabilities(false, false), InvitationCapabilities.Evaluate(acme.Org.Compiled, manager, invitation));
        Assert.Equal(new InvitationCapabilities(true, true), InvitationCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.Admin), invitation));
    }

    [Fact]
    public void ResendAndRevoke_InvitationWithinTheActorsOwnAccess_AreAllowed()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("new@example.com", [At("manager", acme.Alpha), At("member", acme.AlphaLab)]));
        var invitation = acme.Org.InvitationFor("new@example.com");

        Assert.True(acme.Org.Resend(acme.As(acme.AlphaManager), invitation).IsAllowed);
        Assert.True(acme.Org.Revoke(acme.As(acme.AlphaManager), invitation).IsAllowed);
    }

    [Fact]
    public void Revoke_AlreadyRevokedInvitation_IsAConflict()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("new@example.com", [At("viewer", acme.Alpha)]));
        var invitation = acme.Org.InvitationFor("new@example.com");
        acme.Org.Revoke(acme.As(acme.Admin), invitation);

        var decision = acme.Org.Revoke(acme.As(acme.Admin), invitation);

        Assert.Equal(ManagementCodes.InvitationClosed, decision.Code);
    }

    [Fact]
    public void Revoke_InvitationOfAnotherOrganization_IsNotFound()
    {
        var acme = new Acme();
        var other = acme.Deployment.AddOrganization("Other");
        var otherOwner = other.AddMember("Oscar Other", owner: true);
        other.Invite(OrganizationFixture.As(otherOwner), new InviteRequest("new@example.com", [At("viewer", null)]));

        var decision = acme.Org.Revoke(acme.As(acme.Owner), other.InvitationFor("new@example.com"));

        Assert.Equal(ManagementCodes.InvitationNotFound, decision.Code);
        Assert.Equal(InvitationStatus.Pending, other.InvitationFor("new@example.com").Status);
    }

    [Fact]
    public void Resend_ExpiredInvitation_ByManagerOfEveryTarget_IsAllowed()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.AlphaManager), new InviteRequest("new@example.com", [At("member", acme.Alpha), At("viewer", acme.AlphaLab)]));
        var invitation = acme.Org.InvitationFor("new@example.com");
        acme.Deployment.Now += TimeSpan.FromDays(30);

        var decision = acme.Org.Resend(acme.As(acme.AlphaManager), invitation);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(acme.Deployment.Now));
    }
}
