namespace Gatehouse.Application.Members;

/// <summary>How the member list is ordered; every order ends with the member id so pages are stable.</summary>
public enum MemberSort
{
    /// <summary>By name, A to Z.</summary>
    Name,

    /// <summary>By name, Z to A.</summary>
    NameDescending,

    /// <summary>By email, A to Z.</summary>
    Email,

    /// <summary>By email, Z to A.</summary>
    EmailDescending,

    /// <summary>Oldest latest sign-in first; members who never signed in last.</summary>
    LastLogin,

    /// <summary>Newest latest sign-in first; members who never signed in last.</summary>
    LastLoginDescending,
}
