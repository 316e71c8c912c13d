namespace Gatehouse.Core.Roles;

/// <summary>Kinds of role.</summary>
public enum RoleKind
{
    /// <summary>Shipped by the access model.</summary>
    System,

    /// <summary>Made by an organization and reusable (a permission group).</summary>
    Custom,

    /// <summary>A one-off permission set for one member, not reusable (micromobility's "Custom").</summary>
    Inline,
}

/// <summary>A role made by an organization: a reusable custom role or one member's inline role.</summary>
public sealed class Role
{
    private List<string> _permissions = [];

    private Role()
    {
        Key = string.Empty;
        Name = string.Empty;
    }

    /// <summary>Creates a custom or inline role holding validated permission codenames.</summary>
    public Role(Guid id, Guid organizationId, RoleKind kind, string name, IEnumerable<string> permissions, Guid? inlineForMemberId = null)
    {
        if (kind == RoleKind.System)
        {
            throw new ArgumentException("System roles come from the access model.", nameof(kind));
        }
        Id = id;
        OrganizationId = organizationId;
        Kind = kind;
        Key = KeyFor(id);
        Name = name;
        InlineForMemberId = inlineForMemberId;
        _permissions = [.. permissions.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The organization that made the role.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The key grants use to name the role.</summary>
    public string Key { get; private set; }

    /// <summary>Custom or inline.</summary>
    public RoleKind Kind { get; private set; }

    /// <summary>Display name.</summary>
    public string Name { get; private set; }

    /// <summary>For an inline role, the member it belongs to.</summary>
    public Guid? InlineForMemberId { get; private set; }

    /// <summary>Permission codenames.</summary>
    public IReadOnlyList<string> Permissions => _permissions;

    /// <summary>Concurrency version, bumped on each edit.</summary>
    public int Version { get; private set; }

    /// <summary>The grant key of an organization-made role.</summary>
    public static string KeyFor(Guid id) => KeyPrefix + id.ToString("N");

    /// <summary>The prefix of every organization-made role's key; system role keys may not use it.</summary>
    public const string KeyPrefix = "r_";

    /// <summary>Binds an inline role made for an invitation to the member who accepted it.</summary>
    public void BindToMember(Guid memberId)
    {
        if (Kind != RoleKind.Inline)
        {
            throw new InvalidOperationException("Only an inline role belongs to one member.");
        }
        InlineForMemberId = memberId;
    }

    /// <summary>Renames the role.</summary>
    public void Rename(string name)
    {
        Name = name;
        Version++;
    }

    /// <summary>Replaces the role's permissions.</summary>
    public void ReplacePermissions(IEnumerable<string> permissions)
    {
        _permissions = [.. permissions.Distinct(StringComparer.Ordinal)];
        Version++;
    }
}
