using Gatehouse.Application.Work;

namespace Gatehouse.Application.Audit;

/// <summary>Stable codes of the failures the audit log's reads answer (besides the policy's own and the cursor's).</summary>
public static class AuditCodes
{
    /// <summary>The platform's audit log is for the product's platform operators only.</summary>
    public const string PlatformOperatorRequired = "platform_operator_required";

    /// <summary>A filter is malformed; the fields say which.</summary>
    public const string ValidationFailed = WorkCodes.ValidationFailed;
}
