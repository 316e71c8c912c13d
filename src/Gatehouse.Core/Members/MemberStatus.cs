namespace Gatehouse.Core.Members;

/// <summary>A membership's status in its organization.</summary>
public enum MemberStatus
{
    /// <summary>The member has access according to their grants and uses a seat.</summary>
    Active,

    /// <summary>The member has no access to the organization and uses no seat; their grants are kept.</summary>
    Deactivated,
}

/// <summary>Who manages a membership.</summary>
public enum ManagedBy
{
    /// <summary>Admins manage it through Gatehouse.</summary>
    Gatehouse,

    /// <summary>An external source (SCIM provisioning) manages it; admins see it read-only.</summary>
    External,
}
