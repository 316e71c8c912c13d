namespace Gatehouse.Application.OidcClients;

/// <summary>Stable codes of the failures of registering OpenID Connect clients (the products that sign people in through Gatehouse).</summary>
public static class OidcClientCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string PlatformOperatorRequired = "platform_operator_required";
    public const string ValidationFailed = "validation_failed";
#pragma warning restore CS1591
}
