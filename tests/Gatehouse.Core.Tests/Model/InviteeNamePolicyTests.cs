using Gatehouse.Core.Model.Loading;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Model;

/// <summary>Seed 004: "you will be required to provide its First Name and Last name" — the <c>inviteeNameRequired</c> policy.</summary>
public class InviteeNamePolicyTests
{
    [Fact]
    public void Load_InviteeNameRequired_IsReadAndOffByDefault()
    {
        var on = AccessModelLoader.LoadText(SampleModelText.With("customRoles: false", "customRoles: false\n  inviteeNameRequired: true"), SampleModelText.Source);

        Assert.True(on.Succeeded, string.Join("\n", on.Errors));
        Assert.True(on.Model.Policies.InviteeNameRequired);
        Assert.False(AccessModelLoader.LoadText(SampleModelText.Valid, SampleModelText.Source).Model!.Policies.InviteeNameRequired);
    }

    [Fact]
    public void Presets_OnlyWorkspacesRequireInviteeNames()
    {
        Assert.Equal(["workspaces"], TestModels.All.Where(m => m.Policies.InviteeNameRequired).Select(m => m.Name));
    }
}
