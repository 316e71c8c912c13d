using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Seats;

namespace Gatehouse.Core.Tests.Support;

/// <summary>One organization of a <see cref="DeploymentFixture"/>: builds it, compiles it, and applies operations the policy allows.</summary>
internal sealed partial class OrganizationFixture(DeploymentFixture deployment, Organization organization)
{
    public DeploymentFixture Deployment { get; } = deployment;

    public Organization Organization { get; } = organization;

    public Guid Id => Organization.Id;

    public AccessModel Model => Deployment.Model;

    /// <summary>Compiled afresh from the entities, as the engine would after a write.</summary>
    public CompiledOrganization Compiled => new(Model, Snapshot());

    public IEnumerable<Member> Members => Deployment.Members.Where(m => m.OrganizationId == Id);

    public IEnumerable<Invitation> Invitations => Deployment.Invitations.Where(i => i.OrganizationId == Id);

    public SeatUsage Seats => SeatUsage.Count(
        Members.Count(m => m.IsActive),
        Invitations.Count(i => i.StatusAt(Deployment.Now) == InvitationStatus.Pending),
        Organization.SeatLimit,
        Model.Policies.SeatCounting);

    public Guid AddScope(string name, Guid? parentId = null)
    {
        var scope = new Scope(Guid.NewGuid(), Id, parentId, name);
        Deployment.Scopes.Add(scope);
        return scope.Id;
    }

    public Member AddMember(string name, IEnumerable<GrantSpec>? grants = null, bool owner = false, bool fullAccess = false, ManagedBy managedBy = ManagedBy.Gatehouse, bool deactivated = false) =>
        Join(Deployment.AddUser(name), grants, owner, fullAccess, managedBy, deactivated);

    public Member Join(Gatehouse.Core.Users.User user, IEnumerable<GrantSpec>? grants = null, bool owner = false, bool fullAccess = false, ManagedBy managedBy = ManagedBy.Gatehouse, bool deactivated = false)
    {
        var member = new Member(Guid.NewGuid(), Id, user.Id, Deployment.Now, owner, fullAccess, managedBy);
        if (deactivated)
        {
            member.Deactivate(Deployment.Now);
        }
        Deployment.Members.Add(member);
        Deployment.AddGrants(Id, member.Id, grants ?? []);
        return member;
    }

    public Role AddRole(string name, params string[] permissions)
    {
        var role = new Role(Guid.NewGuid(), Id, RoleKind.Custom, name, permissions);
        Deployment.Roles.Add(role);
        return role;
    }

    /// <summary>A one-off role proposal whose key is the key the stored role will have.</summary>
    public static InlineRole NewInlineRole(params string[] permissions) => new(Role.KeyFor(Guid.NewGuid()), "Custom", permissions);

    public static Actor As(Member member) => Actor.Member(member.UserId);

    public Member Reload(Member member) => Deployment.Members.Single(m => m.Id == member.Id);

    public IReadOnlyList<GrantSpec> GrantsOf(Member member) =>
        [.. Deployment.Grants.Where(g => g.MemberId == member.Id).Select(g => g.Spec)];

    public PermissionSet Held(Member member, Guid? target)
    {
        var compiled = Compiled;
        return compiled.HeldPermissions(compiled.FindMember(member.Id)!, target);
    }

    public bool Holds(Member member, string permission, Guid? target) =>
        Held(member, target).Contains(Model.Catalog.Resolve(permission));

    public Invitation InvitationFor(string email) =>
        Invitations.Last(i => i.NormalizedEmail == Gatehouse.Core.Users.EmailAddress.Normalize(email));

    private OrganizationSnapshot Snapshot()
    {
        var members = Members.ToList();
        var memberIds = members.Select(m => m.Id).ToHashSet();
        return OrganizationSnapshot.From(
            Id,
            Deployment.Scopes.Where(s => s.OrganizationId == Id),
            members,
            Deployment.Users,
            Deployment.Roles.Where(r => r.OrganizationId == Id),
            // By member rather than by the grant's organization, so a grant wrongly given to another
            // organization's member shows up there.
            Deployment.Grants.Where(g => memberIds.Contains(g.MemberId)));
    }
}
