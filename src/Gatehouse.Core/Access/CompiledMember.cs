using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>A member's grants compiled to bitsets: one for the organization, one per scope with a direct grant.</summary>
public sealed class CompiledMember
{
    internal CompiledMember(MemberEntry entry, PermissionSet organizationBits, int[] scopeIndexes, PermissionSet[] scopeBits, GrantEntry[] grants)
    {
        Entry = entry;
        OrganizationBits = organizationBits;
        ScopeIndexes = scopeIndexes;
        ScopeBits = scopeBits;
        Grants = grants;
        BypassesChecks = entry.HasFullAccess || entry.IsOwner;
        IsActive = entry.Status == Members.MemberStatus.Active;
    }

    /// <summary>The member as loaded.</summary>
    public MemberEntry Entry { get; }

    /// <summary>The member's grants.</summary>
    public IReadOnlyList<GrantEntry> Grants { get; }

    /// <summary>Full access or owner: every permission everywhere in the organization.</summary>
    public bool BypassesChecks { get; }

    /// <summary>True when the membership is active.</summary>
    public bool IsActive { get; }

    /// <summary>The union of the roles granted on the organization itself.</summary>
    internal PermissionSet OrganizationBits { get; }

    /// <summary>Scope indexes with direct grants, ascending.</summary>
    internal int[] ScopeIndexes { get; }

    /// <summary>The union of the roles granted directly on the scope at the same position in <see cref="ScopeIndexes"/>.</summary>
    internal PermissionSet[] ScopeBits { get; }

    /// <summary>The permissions granted directly on a scope, or null.</summary>
    internal PermissionSet? DirectBits(int scopeIndex)
    {
        var indexes = ScopeIndexes;
        for (var i = 0; i < indexes.Length; i++)
        {
            if (indexes[i] == scopeIndex)
            {
                return ScopeBits[i];
            }
        }
        return null;
    }
}
