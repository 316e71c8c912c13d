namespace Gatehouse.Core.Access;

/// <summary>What changed in one organization, as the new state of each part that changed: what <see cref="CompiledOrganization.Apply"/> takes.</summary>
/// <param name="Members">The members whose entry or grants changed, joined or left.</param>
/// <param name="Scopes">All of the organization's scopes, when any was created, moved, renamed or deleted; null when none was.</param>
/// <param name="Roles">All of the organization's own roles, when any was created, edited or deleted; null when none was.</param>
public sealed record OrganizationChange(
    IReadOnlyList<MemberChange> Members,
    IReadOnlyList<ScopeEntry>? Scopes = null,
    IReadOnlyList<RoleEntry>? Roles = null)
{
    /// <summary>A change of members only.</summary>
    public static OrganizationChange Of(params MemberChange[] members) => new(members);
}

/// <summary>One member as it is now.</summary>
/// <param name="MemberId">The membership.</param>
/// <param name="Entry">The member now, or null when they are no longer a member.</param>
/// <param name="Grants">All of the member's grants now (empty when removed).</param>
public sealed record MemberChange(Guid MemberId, MemberEntry? Entry, IReadOnlyList<GrantEntry> Grants)
{
    /// <summary>The member left the organization.</summary>
    public static MemberChange Removed(Guid memberId) => new(memberId, null, []);
}
