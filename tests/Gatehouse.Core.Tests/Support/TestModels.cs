using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Support;

/// <summary>The five preset access models, loaded from the preset files shipped in Core.</summary>
internal static class TestModels
{
    public static AccessModel Default { get; } = AccessModelPresets.Require("default");

    public static AccessModel Workshops { get; } = AccessModelPresets.Require("workshops");

    public static AccessModel Micromobility { get; } = AccessModelPresets.Require("micromobility");

    public static AccessModel Facilities { get; } = AccessModelPresets.Require("facilities");

    public static AccessModel Workspaces { get; } = AccessModelPresets.Require("workspaces");

    public static IReadOnlyList<AccessModel> All { get; } = [Default, Workshops, Micromobility, Facilities, Workspaces];
}
