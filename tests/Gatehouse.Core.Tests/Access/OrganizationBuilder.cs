using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Tests.Access;

/// <summary>Writes an organization snapshot one fact at a time; members are named by their user id.</summary>
internal sealed class OrganizationBuilder
{
    private readonly List<ScopeEntry> _scopes = [];
    private readonly List<MemberEntry> _members = [];
    private readonly List<RoleEntry> _roles = [];
    private readonly List<GrantEntry> _grants = [];

    public Guid OrganizationId { get; } = Guid.NewGuid();

    public Guid Scope(string name, Guid? parentId = null)
    {
        var id = Guid.NewGuid();
        _scopes.Add(new ScopeEntry(id, parentId, name));
        return id;
    }

    /// <summary>Adds a member and returns its user id.</summary>
    public Guid Member(
        string name,
        MemberStatus status = MemberStatus.Active,
        bool fullAccess = false,
        bool owner = false,
        DateTimeOffset? lockoutEnd = null)
    {
        var userId = Guid.NewGuid();
        _members.Add(new MemberEntry(Guid.NewGuid(), userId, name, status, owner, fullAccess, LockoutEnd: lockoutEnd));
        return userId;
    }

    public Guid MemberIdOf(Guid userId) => _members.Single(m => m.UserId == userId).MemberId;

    public string CustomRole(string name, params string[] permissions)
    {
        var key = "r_" + name;
        _roles.Add(new RoleEntry(key, name, RoleKind.Custom, permissions));
        return key;
    }

    public OrganizationBuilder Grant(Guid userId, string roleKey, Guid? scopeId = null)
    {
        _grants.Add(new GrantEntry(MemberIdOf(userId), roleKey, scopeId));
        return this;
    }

    public OrganizationSnapshot Build() => new(OrganizationId, [.. _scopes], [.. _members], [.. _roles], [.. _grants]);
}
