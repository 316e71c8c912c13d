using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Tests.Support.Properties;

/// <summary>
/// Two random organizations of one deployment on a random preset model: scope trees, custom roles, members with
/// grants and flags, pending invitations. Some people are members of both, as consultants are.
/// </summary>
internal sealed class RandomWorld
{
    private RandomWorld(AccessModel model) => Deployment = new DeploymentFixture(model);

    public DeploymentFixture Deployment { get; }

    public OrganizationFixture Home { get; private set; } = null!;

    public OrganizationFixture Away { get; private set; } = null!;

    public AccessModel Model => Deployment.Model;

    public static RandomWorld Build(Genes genes)
    {
        var world = new RandomWorld(genes.Pick(TestModels.All));
        world.Home = world.Populate(genes, "Home", []);
        world.Away = world.Populate(genes, "Away", world.Deployment.Users.ToList());
        return world;
    }

    /// <summary>The organization itself (null) and each of its scopes.</summary>
    public static IReadOnlyList<Guid?> TargetsOf(OrganizationFixture org) =>
        [null, .. org.Deployment.Scopes.Where(s => s.OrganizationId == org.Id).Select(s => (Guid?)s.Id)];

    /// <summary>Keys of the roles an organization may grant: the model's and its own custom roles.</summary>
    public IReadOnlyList<string> RoleKeysOf(OrganizationFixture org) =>
        [.. Model.Roles.Select(r => r.Key), .. Deployment.Roles.Where(r => r.OrganizationId == org.Id).Select(r => r.Key)];

    private OrganizationFixture Populate(Genes genes, string name, List<User> otherOrganizationsUsers)
    {
        var org = Deployment.AddOrganization(name);
        var scopes = new List<Guid>();
        for (var i = Model.Scopes is null ? 0 : genes.Next(5); i > 0; i--)
        {
            var parent = genes.Next(scopes.Count + 1);
            scopes.Add(org.AddScope($"{name} scope {scopes.Count}", parent == 0 ? null : scopes[parent - 1]));
        }
        for (var i = Model.Policies.CustomRoles ? genes.Next(4) : 0; i > 0; i--)
        {
            org.AddRole($"{name} role {i}", [.. RandomPermissions(genes)]);
        }
        // Someone who may reshape the tree without holding everything, the case the scope rules are for.
        var keeper = Model.Policies.CustomRoles && Model.Scopes is not null && genes.OneIn(2)
            ? org.AddRole($"{name} keeper", [ManagementPermissions.ManageOrganization, .. RandomPermissions(genes).Take(2)])
            : null;
        var people = 2 + genes.Next(5);
        for (var i = 0; i < people; i++)
        {
            var grants = RandomGrants(genes, org, 1 + genes.Next(3));
            if (i == 1 && keeper is not null)
            {
                grants.Add(new GrantSpec(keeper.Key, genes.OneIn(2) ? null : genes.Pick(TargetsOf(org))));
            }
            var managedBy = genes.OneIn(12) ? ManagedBy.External : ManagedBy.Gatehouse;
            // Few owners and full-access members: the interesting cases are partial admins acting on each other.
            var owner = i == 0 || genes.OneIn(16);
            var (fullAccess, deactivated) = (genes.OneIn(12), i > 0 && genes.OneIn(5));
            var shared = otherOrganizationsUsers.Where(u => org.Members.All(m => m.UserId != u.Id)).ToList();
            _ = shared.Count > 0 && genes.OneIn(3)
                ? org.Join(genes.Pick(shared), grants, owner, fullAccess, managedBy, deactivated)
                : org.AddMember($"{name} Person{i}", grants, owner, fullAccess, managedBy, deactivated);
        }
        for (var i = genes.Next(3); i > 0; i--)
        {
            var (invitation, _) = Invitation.Create(Guid.NewGuid(), org.Id, $"{name.ToLowerInvariant()}.invitee{i}@example.com",
                RandomGrants(genes, org, 1 + genes.Next(2)), genes.OneIn(6), org.Members.First().Id, Deployment.Now, Model.Policies.InvitationLifetime);
            Deployment.Invitations.Add(invitation);
        }
        return org;
    }

    /// <summary>A few permissions, often with a management one, so custom roles make partial admins.</summary>
    public IEnumerable<string> RandomPermissions(Genes genes)
    {
        if (!genes.OneIn(3))
        {
            yield return genes.Pick(ManagementPermissions.All);
        }
        for (var i = 1 + genes.Next(6); i > 0; i--)
        {
            yield return genes.Pick(Model.Catalog.All).Code;
        }
    }

    /// <summary>Grants as the store could hold them: roles only where they may be granted, one role under the one-role policy.</summary>
    public List<GrantSpec> RandomGrants(Genes genes, OrganizationFixture org, int count)
    {
        var grants = new List<GrantSpec>();
        var keys = RoleKeysOf(org);
        for (var i = Model.Policies.OneRolePerMember ? 1 : count; i > 0; i--)
        {
            var key = genes.Pick(keys);
            var target = genes.Pick(TargetsOf(org));
            var at = Model.FindRole(key)?.GrantableAt ?? GrantTargets.Anywhere;
            if (at.HasFlag(target is null ? GrantTargets.Organization : GrantTargets.Scope))
            {
                grants.Add(new GrantSpec(key, target));
            }
        }
        return grants;
    }
}
