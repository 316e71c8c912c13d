namespace Gatehouse.Application.Members;

/// <summary>Stable codes of the failures about members (besides the policy's own).</summary>
public static class MemberCodes
{
    /// <summary>The member does not exist, or the actor may not see them.</summary>
    public const string NotFound = "member_not_found";
}
