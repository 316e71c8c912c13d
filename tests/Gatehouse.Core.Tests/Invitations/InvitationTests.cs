using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Tests.Invitations;

public class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static (Invitation Invitation, string Token) NewInvitation() =>
        Invitation.Create(Guid.NewGuid(), Guid.NewGuid(), "Ada@Example.com", [new GrantSpec("manager", Guid.NewGuid())], false, Guid.NewGuid(), Now, Week);

    [Fact]
    public void Create_StoresOnlyTheTokenHash_AndIsPending()
    {
        var (invitation, token) = NewInvitation();

        Assert.StartsWith("ghi_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(Now));
        Assert.Equal(Now + Week, invitation.ExpiresAt);
        Assert.Equal("ada@example.com", invitation.NormalizedEmail);
    }

    [Fact]
    public void Accept_WithToken_IsSingleUse()
    {
        var (invitation, token) = NewInvitation();

        Assert.True(invitation.Accept(token, Guid.NewGuid(), Now.AddHours(1)).Succeeded);
        var again = invitation.Accept(token, Guid.NewGuid(), Now.AddHours(2));

        Assert.Equal("invitation_already_used", again.Error?.Code);
    }

    [Fact]
    public void Accept_AfterExpiry_IsRefusedAsExpired()
    {
        var (invitation, token) = NewInvitation();

        var result = invitation.Accept(token, Guid.NewGuid(), Now + Week);

        Assert.Equal("invitation_expired", result.Error?.Code);
        Assert.Equal(InvitationStatus.Expired, invitation.StatusAt(Now + Week));
    }

    [Fact]
    public void Resend_GivesNewTokenAndExpiry_AndKillsTheOldToken()
    {
        var (invitation, oldToken) = NewInvitation();
        var later = Now + Week + TimeSpan.FromDays(1);

        var resent = invitation.Resend(Guid.NewGuid(), later, Week);

        Assert.True(resent.Succeeded);
        Assert.NotEqual(oldToken, resent.Value);
        Assert.Equal(later + Week, invitation.ExpiresAt);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(later));
        Assert.Equal("invitation_token_invalid", invitation.Accept(oldToken, Guid.NewGuid(), later).Error?.Code);
        Assert.True(invitation.Accept(resent.Value!, Guid.NewGuid(), later).Succeeded);
    }

    [Fact]
    public void Revoke_KillsTheToken_AndCannotBeResent()
    {
        var (invitation, token) = NewInvitation();

        Assert.True(invitation.Revoke(Now).Succeeded);

        Assert.Equal("invitation_revoked", invitation.Accept(token, Guid.NewGuid(), Now).Error?.Code);
        Assert.Equal("invitation_closed", invitation.Resend(Guid.NewGuid(), Now, Week).Error?.Code);
        Assert.Equal("invitation_closed", invitation.Revoke(Now).Error?.Code);
    }
}
