namespace Gatehouse.Application.Organizations;

/// <summary>Stable codes of the failures organization use cases answer (besides the policy's own).</summary>
public static class OrganizationCodes
{
    /// <summary>Only the product's platform operators may do this.</summary>
    public const string PlatformOperatorRequired = "platform_operator_required";
}
