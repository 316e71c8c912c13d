using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Access;

/// <summary>What a write's notification says it touched, written by one node and read by the others.</summary>
public sealed class AccessNotificationsTests
{
    private static readonly Guid Organization = Guid.Parse("0b7c6a43-93a1-4d7e-9f3e-0c7d1a2b3c4d");

    [Fact]
    public void WhatAWriteTouched_ReadsBackAsItWasDescribed()
    {
        var (member, other, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var touched = new AccessTouched(new HashSet<Guid> { member, other }, new HashSet<Guid> { user }, Scopes: true, Roles: false);

        Assert.True(AccessNotifications.TryParse($"{Organization}:42:{AccessNotifications.Describe(touched)}", out var organizationId, out var version, out var read));

        Assert.Equal((Organization, 42L), (organizationId, version));
        Assert.NotNull(read);
        Assert.Equal(touched.MemberIds.Order(), read.MemberIds.Order());
        Assert.Equal([user], read.UserIds);
        Assert.Equal((true, false), (read.Scopes, read.Roles));
    }

    [Fact]
    public void AWriteThatTouchedNothing_SaysSo_AndIsNotUnknown()
    {
        var nothing = new AccessTouched(new HashSet<Guid>(), new HashSet<Guid>(), false, false);

        Assert.True(AccessNotifications.TryParse($"{Organization}:7:{AccessNotifications.Describe(nothing)}", out _, out var version, out var read));

        Assert.Equal(7L, version);
        Assert.NotNull(read);
        Assert.Empty(read.MemberIds);
    }

    [Fact]
    public void TooManyMembersForOneNotification_AreNotDescribed()
    {
        var many = new AccessTouched(Enumerable.Range(0, 250).Select(_ => Guid.NewGuid()).ToHashSet(), new HashSet<Guid>(), false, false);
        var some = new AccessTouched(many.MemberIds.Take(200).ToHashSet(), new HashSet<Guid>(), true, true);

        Assert.Null(AccessNotifications.Describe(many));
        Assert.InRange(AccessNotifications.Describe(some)!.Length, 1, AccessNotifications.MaxDescription);
    }

    [Theory]
    [InlineData(":12", 12L)]          // an older node's notification: the version alone
    [InlineData(":12:m123", 12L)]     // a part this version cannot read
    [InlineData(":12:x", 12L)]
    [InlineData("", null)]
    [InlineData(":", null)]
    [InlineData(":twelve", null)]
    public void ANotificationThatDoesNotSayWhatItTouched_IsReadAsUnknown(string tail, long? expected)
    {
        Assert.True(AccessNotifications.TryParse(Organization + tail, out var organizationId, out var version, out var touched));

        Assert.Equal(Organization, organizationId);
        Assert.Equal(expected, version);
        Assert.Null(touched);
    }

    [Fact]
    public void APayloadThatNamesNoOrganization_IsRefused() =>
        Assert.False(AccessNotifications.TryParse("not-an-organization:3", out _, out _, out _));
}
