using Gatehouse.Core.Members;

namespace Gatehouse.Core.Tests.Members;

public class MemberTests
{
    private static Member NewMember() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Deactivate_ThenReactivate_RestoresActiveAndBumpsVersion()
    {
        var member = NewMember();
        var at = DateTimeOffset.UnixEpoch.AddDays(3);

        Assert.True(member.Deactivate(at).Succeeded);
        Assert.Equal(MemberStatus.Deactivated, member.Status);
        Assert.Equal(at, member.DeactivatedAt);
        Assert.True(member.Reactivate().Succeeded);

        Assert.True(member.IsActive);
        Assert.Null(member.DeactivatedAt);
        Assert.Equal(2, member.Version);
    }

    [Fact]
    public void Deactivate_Twice_IsRefused()
    {
        var member = NewMember();
        member.Deactivate(DateTimeOffset.UnixEpoch);

        Assert.Equal("member_already_deactivated", member.Deactivate(DateTimeOffset.UnixEpoch).Error?.Code);
    }

    [Fact]
    public void Reactivate_WhenActive_IsRefused() =>
        Assert.Equal("member_already_active", NewMember().Reactivate().Error?.Code);
}
