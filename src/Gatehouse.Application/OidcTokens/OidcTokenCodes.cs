namespace Gatehouse.Application.OidcTokens;

/// <summary>Stable codes of why a person or a client gets no tokens for an organization.</summary>
public static class OidcTokenCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string NotAMember = "not_a_member";
    public const string MembershipDeactivated = "membership_deactivated";
    public const string AccountPaused = "account_paused";
    public const string OrganizationGone = "organization_not_found";
#pragma warning restore CS1591
}
