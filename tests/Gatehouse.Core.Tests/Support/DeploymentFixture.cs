using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Tests.Support;

/// <summary>
/// A deployment's entities in memory, shared by its organizations as a store's tables are. Operations find
/// entities by id across every organization, so a policy that let one organization reach into another would
/// show up as a change there.
/// </summary>
internal sealed class DeploymentFixture(AccessModel model)
{
    public AccessModel Model { get; } = model;

    public DateTimeOffset Now { get; set; } = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public Actor Operator { get; } = Actor.PlatformOperator(Guid.NewGuid());

    public List<User> Users { get; } = [];

    public List<Organization> Organizations { get; } = [];

    public List<Scope> Scopes { get; } = [];

    public List<Member> Members { get; } = [];

    public List<Role> Roles { get; } = [];

    public List<Grant> Grants { get; } = [];

    public List<Invitation> Invitations { get; } = [];

    public OrganizationFixture AddOrganization(string name, int? seatLimit = null)
    {
        var organization = new Organization(Guid.NewGuid(), name, "standard", seatLimit, Now);
        Organizations.Add(organization);
        return new OrganizationFixture(this, organization);
    }

    public User AddUser(string name, string? email = null)
    {
        var parts = name.Split(' ', 2);
        var user = new User(Guid.NewGuid(), email ?? $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", parts[0], parts.Length > 1 ? parts[1] : "", Now);
        Users.Add(user);
        return user;
    }

    public User? FindUserByEmail(string email) => Users.FirstOrDefault(u => u.NormalizedEmail == EmailAddress.Normalize(email));

    public IReadOnlyCollection<Guid> MembershipsOf(Guid userId) => [.. Members.Where(m => m.UserId == userId).Select(m => m.OrganizationId)];

    /// <summary>Erases an account: the user, every membership, their grants and inline roles, in every organization.</summary>
    public void Erase(Guid userId)
    {
        var memberIds = Members.Where(m => m.UserId == userId).Select(m => m.Id).ToHashSet();
        Grants.RemoveAll(g => memberIds.Contains(g.MemberId));
        Roles.RemoveAll(r => r.InlineForMemberId is { } id && memberIds.Contains(id));
        Members.RemoveAll(m => memberIds.Contains(m.Id));
        Users.RemoveAll(u => u.Id == userId);
    }

    public void AddGrants(Guid organizationId, Guid memberId, IEnumerable<GrantSpec> grants)
    {
        foreach (var grant in grants.Distinct())
        {
            Grants.Add(new Grant(Guid.NewGuid(), organizationId, memberId, grant.RoleKey, grant.ScopeId));
        }
    }

    /// <summary>Stores the inline role a request proposed, when one of its grants uses it.</summary>
    public void StoreInlineRole(Guid organizationId, InlineRole? inline, IEnumerable<GrantSpec> grants, Guid? memberId)
    {
        if (inline is not null && grants.Any(g => g.RoleKey == inline.Key) && Roles.All(r => r.Key != inline.Key))
        {
            Roles.Add(new Role(Guid.ParseExact(inline.Key[2..], "N"), organizationId, RoleKind.Inline, inline.Name, inline.Permissions, memberId));
        }
    }
}
