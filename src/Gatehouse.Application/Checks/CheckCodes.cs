using Gatehouse.Application.Work;

namespace Gatehouse.Application.Checks;

/// <summary>Stable codes of the failures access checks answer (besides the policy's own and the organization's).</summary>
public static class CheckCodes
{
    /// <summary>The permission codename is not in the catalog.</summary>
    public const string UnknownPermission = "unknown_permission";

    /// <summary>The question is malformed; the fields say where.</summary>
    public const string ValidationFailed = WorkCodes.ValidationFailed;
}
