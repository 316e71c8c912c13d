namespace Gatehouse.Application.Members;

/// <summary>Organization-wide members or scope users.</summary>
public enum MemberType
{
    /// <summary>Owners, full access, or a grant on the organization itself.</summary>
    Organization,

    /// <summary>Everyone else: access only through grants on scopes.</summary>
    Scope,
}
