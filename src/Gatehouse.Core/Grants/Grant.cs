namespace Gatehouse.Core.Grants;

/// <summary>Member × role × target: the target is the organization (ScopeId null) or one scope and everything under it.</summary>
public sealed class Grant
{
    private Grant() => RoleKey = string.Empty;

    /// <summary>Creates a grant.</summary>
    public Grant(Guid id, Guid organizationId, Guid memberId, string roleKey, Guid? scopeId)
    {
        Id = id;
        OrganizationId = organizationId;
        MemberId = memberId;
        RoleKey = roleKey;
        ScopeId = scopeId;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The member holding the grant.</summary>
    public Guid MemberId { get; private set; }

    /// <summary>A system role key or <see cref="Roles.Role.Key"/> of an organization's role.</summary>
    public string RoleKey { get; private set; }

    /// <summary>The scope, or null for the organization itself (organization-wide).</summary>
    public Guid? ScopeId { get; private set; }

    /// <summary>True when the grant is on the organization itself.</summary>
    public bool IsOrganizationWide => ScopeId is null;

    /// <summary>The role and target as a value.</summary>
    public GrantSpec Spec => new(RoleKey, ScopeId);
}

/// <summary>A role at a target, as requested or proposed (no member yet).</summary>
/// <param name="RoleKey">System role key or organization role key.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
public readonly record struct GrantSpec(string RoleKey, Guid? ScopeId);
