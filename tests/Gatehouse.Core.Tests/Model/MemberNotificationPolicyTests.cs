using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class MemberNotificationPolicyTests
{
    [Theory]
    [InlineData("[]", MemberNotifications.None)]
    [InlineData("[removed]", MemberNotifications.Removed)]
    [InlineData("[access_changed, deactivated, removed]", MemberNotifications.AccessChanged | MemberNotifications.Deactivated | MemberNotifications.Removed)]
    [InlineData("\n    - deactivated\n    - access_changed", MemberNotifications.AccessChanged | MemberNotifications.Deactivated)]
    public void Load_MemberNotifications_ReadsEachValue(string list, MemberNotifications expected)
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("customRoles: false", $"customRoles: false\n  memberNotifications: {list}"), SampleModelText.Source);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(expected, result.Model!.Policies.MemberNotifications);
    }

    [Fact]
    public void Load_WithoutMemberNotifications_EmailsNoMember()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("customRoles: false", "customRoles: false"), SampleModelText.Source);

        Assert.Equal(MemberNotifications.None, result.Model!.Policies.MemberNotifications);
    }

    [Fact]
    public void Load_UnknownMemberNotification_NamesTheAllowedValues()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("customRoles: false", "customRoles: false\n  memberNotifications: [fired]"), SampleModelText.Source);

        var error = Assert.Single(result.Errors);
        Assert.Equal("sample.yaml line 39 (policies.memberNotifications[0]): memberNotifications 'fired' is not one of access_changed, deactivated, removed.", error.Message);
    }

    [Theory]
    [InlineData("facilities", MemberNotifications.AccessChanged | MemberNotifications.Deactivated | MemberNotifications.Removed)]
    [InlineData("workshops", MemberNotifications.AccessChanged | MemberNotifications.Deactivated | MemberNotifications.Removed)]
    [InlineData("workspaces", MemberNotifications.Deactivated | MemberNotifications.Removed)]
    [InlineData("micromobility", MemberNotifications.AccessChanged | MemberNotifications.Removed)]
    [InlineData("default", MemberNotifications.None)]
    public void Presets_NameTheNotificationsTheirProductsWant(string preset, MemberNotifications expected) =>
        Assert.Equal(expected, AccessModelPresets.Require(preset).Policies.MemberNotifications);
}
