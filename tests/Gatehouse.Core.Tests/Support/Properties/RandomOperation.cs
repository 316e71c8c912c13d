using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Support.Properties;

/// <summary>
/// One random operation on the home organization by a random actor, with ids drawn mostly from home and
/// sometimes from the other organization, run through the fixture (policy first, then the change).
/// </summary>
/// <param name="Description">What was tried, for the failure message.</param>
/// <param name="Actor">Who tried it.</param>
/// <param name="Run">Asks the policy and applies the change when allowed.</param>
/// <param name="IsInvitation">True for an invitation, whose offer is accepted at once to see what it gives.</param>
/// <param name="ActsOnRoles">True for editing or deleting a role, which changes its holders by the role rules instead.</param>
/// <param name="MovesScope">True for moving a scope, which changes access without touching a grant.</param>
internal sealed record RandomOperation(string Description, Actor Actor, Func<Decision> Run, bool IsInvitation = false, bool ActsOnRoles = false, bool MovesScope = false)
{
    public static RandomOperation Next(RandomWorld world, Genes genes, int serial)
    {
        var home = world.Home;
        var actor = PickActor(world, genes);
        var member = PickMember(world, genes);
        var grant = PickGrant(world, genes);
        var name = world.Deployment.Users.FirstOrDefault(u => u.Id == member.UserId)?.DisplayName ?? "?";
        var kind = genes.Next(23);
        if (kind is 1 or 2 && world.Deployment.Invitations.Count == 0)
        {
            kind = 0;
        }
        switch (kind)
        {
            case 0:
                return Invitation(world, genes, actor, serial);
            case 1:
                return Of($"resend {Describe(PickInvitation(world, genes, out var resent))}", actor, () => home.Resend(actor, resent));
            case 2:
                return Of($"revoke {Describe(PickInvitation(world, genes, out var revoked))}", actor, () => home.Revoke(actor, revoked));
            case 3:
                var inline = world.Model.Policies.InlineRoles && genes.OneIn(3) ? OrganizationFixture.NewInlineRole([.. world.RandomPermissions(genes)]) : null;
                var assigned = inline is null ? grant : grant with { RoleKey = inline.Key };
                return Of($"assign {assigned} to {name}", actor, () => home.Assign(actor, new AssignGrantRequest(member.Id, assigned, inline)));
            case 4:
                var from = HeldOrRandom(world, genes, member);
                return Of($"change {name}'s {from} to {grant}", actor, () => home.Change(actor, new ChangeGrantRequest(member.Id, from, grant)));
            case 5:
                var removed = HeldOrRandom(world, genes, member);
                return Of($"remove {name}'s {removed}", actor, () => home.Remove(actor, new RemoveGrantRequest(member.Id, removed)));
            case 6:
                var scope = grant.ScopeId ?? Guid.NewGuid();
                return Of($"remove {name} from scope {scope}", actor, () => home.RemoveFromScope(actor, member.Id, scope));
            case 7:
                var email = genes.OneIn(4) ? "unknown@example.com" : world.Deployment.Users.First(u => u.Id == member.UserId).Email;
                return Of($"add {email} with {grant}", actor, () => home.AddToScope(actor, email, grant));
            case 8:
                var grants = world.RandomGrants(genes, home, genes.Next(4));
                var full = genes.OneIn(4);
                return Of($"replace {name}'s access with [{string.Join(", ", grants)}] full={full}", actor, () => home.Replace(actor, new ReplaceAccessRequest(member.Id, grants, full)));
            case 9:
                return Of($"deactivate {name}", actor, () => home.Deactivate(actor, member));
            case 10:
                return Of($"reactivate {name}", actor, () => home.Reactivate(actor, member));
            case 11:
                return Of($"remove {name} from the organization", actor, () => home.RemoveMember(actor, member));
            case 12:
                // Erasure by an operator is platform-wide by design; only an organization's own erasure is exercised.
                var eraser = actor.Kind == ActorKind.PlatformOperator ? Actor.Member(member.UserId) : actor;
                return Of($"erase {name}'s account", eraser, () => home.DeleteAccount(eraser, member.UserId));
            case 13:
                var on = !member.HasFullAccess;
                return Of($"set {name}'s full access to {on}", actor, () => home.ChangeFullAccess(actor, member, on));
            case 14:
                var owner = !member.IsOwner;
                return Of($"set {name}'s ownership to {owner}", actor, () => home.ChangeOwner(actor, member, owner));
            case 15:
                return Of($"transfer ownership to {name}", actor, () => home.TransferOwnership(actor, member));
            case 16:
                var created = world.RandomPermissions(genes).ToList();
                return Of($"create role [{string.Join(", ", created)}]", actor, () => home.CreateRole(actor, new CreateRoleRequest($"Role {serial}", created)));
            case 17:
                var permissions = world.RandomPermissions(genes).ToList();
                return new($"edit role {grant.RoleKey} to [{string.Join(", ", permissions)}]", actor, () => home.EditRole(actor, new EditRoleRequest(grant.RoleKey, $"Role {serial}", permissions)), ActsOnRoles: true);
            case 18:
                return new($"delete role {grant.RoleKey}", actor, () => home.DeleteRole(actor, new DeleteRoleRequest(grant.RoleKey)), ActsOnRoles: true);
            case 19 or 20 or 21:
                var (mover, moved, parent) = PickStructureChange(world, genes, actor);
                return new($"move scope {moved} under {parent?.ToString() ?? "the top level"}", mover, () => home.MoveScope(mover, moved, parent), MovesScope: true);
            default:
                var (deleter, deleted, _) = PickStructureChange(world, genes, actor);
                return Of($"delete scope {deleted}", deleter, () => home.DeleteScope(deleter, deleted));
        }
    }

    /// <summary>
    /// Mostly someone who may change the structure (<c>organization.manage</c>) at a scope and at another place, so
    /// the move and deletion rules, not the permission to manage, are what decide; otherwise anything.
    /// </summary>
    private static (Actor Actor, Guid Scope, Guid? Parent) PickStructureChange(RandomWorld world, Genes genes, Actor actor)
    {
        var compiled = world.Home.Compiled;
        var manage = world.Model.Catalog.Resolve(ManagementPermissions.ManageOrganization);
        var targets = RandomWorld.TargetsOf(world.Home);
        var keepers = compiled.Members.Where(m => m.IsActive)
            .Select(m => (Member: m, Places: targets.Where(t => compiled.HeldPermissions(m, t).Contains(manage)).ToList()))
            .Where(k => k.Places.Any(p => p is not null))
            .ToList();
        if (keepers.Count == 0 || genes.OneIn(4))
        {
            return (actor, PickScope(world, genes), PickGrant(world, genes).ScopeId);
        }
        // Mostly one who does not hold everything there: an admin of the place could give anyone anything anyway.
        var partial = keepers.Where(k => !k.Member.BypassesChecks && k.Places.Any(p => !compiled.HeldPermissions(k.Member, p).Equals(world.Model.Catalog.Everything))).ToList();
        var (member, places) = genes.Pick(partial.Count > 0 && !genes.OneIn(4) ? partial : keepers);
        var scope = genes.Pick(places.OfType<Guid>().ToList());
        // Mostly under a place where someone holds a grant, so the move changes somebody's access.
        var granted = places.Where(p => p is not null && p != scope && world.Deployment.Grants.Any(g => g.ScopeId == p)).ToList();
        var parent = granted.Count > 0 && !genes.OneIn(4) ? genes.Pick(granted) : genes.OneIn(5) ? null : genes.Pick(places);
        return (Actor.Member(member.Entry.UserId), scope, parent);
    }

    /// <summary>Mostly a scope of home; sometimes one of the other organization, or none that exists.</summary>
    private static Guid PickScope(RandomWorld world, Genes genes)
    {
        var scopes = RandomWorld.TargetsOf(genes.OneIn(8) ? world.Away : world.Home).OfType<Guid>().ToList();
        return scopes.Count == 0 || genes.OneIn(12) ? Guid.NewGuid() : genes.Pick(scopes);
    }

    private static RandomOperation Invitation(RandomWorld world, Genes genes, Actor actor, int serial)
    {
        var grants = world.RandomGrants(genes, genes.OneIn(8) ? world.Away : world.Home, 1 + genes.Next(2));
        var full = genes.OneIn(6);
        var existing = genes.OneIn(4) ? genes.Pick(world.Deployment.Users) : null;
        var email = existing?.Email ?? $"person{serial}@example.com";
        var request = new InviteRequest(email, grants, full, existing?.Id);
        return new($"invite {email} with [{string.Join(", ", grants)}] full={full}", actor, () => world.Home.Invite(actor, request), IsInvitation: true);
    }

    /// <summary>Mostly someone who manages something without holding everything, the case the rules are for.</summary>
    private static Actor PickActor(RandomWorld world, Genes genes)
    {
        var home = world.Home.Members.ToList();
        var compiled = world.Home.Compiled;
        var partialAdmins = home.Where(m => compiled.FindMember(m.Id) is { IsActive: true, BypassesChecks: false } c
            && ManagementPermissions.All.Any(p => RandomWorld.TargetsOf(world.Home).Any(t => compiled.HeldPermissions(c, t).Contains(world.Model.Catalog.Resolve(p))))).ToList();
        return genes.Next(20) switch
        {
            0 => world.Deployment.Operator,
            1 => OrganizationFixture.As(genes.Pick(world.Away.Members.ToList())),
            _ when home.Count == 0 => world.Deployment.Operator,
            < 12 when partialAdmins.Count > 0 => OrganizationFixture.As(genes.Pick(partialAdmins)),
            _ => OrganizationFixture.As(genes.Pick(home)),
        };
    }

    private static Member PickMember(RandomWorld world, Genes genes)
    {
        var home = world.Home.Members.ToList();
        return genes.Pick(home.Count == 0 || genes.OneIn(6) ? world.Away.Members.ToList() : home);
    }

    private static GrantSpec PickGrant(RandomWorld world, Genes genes)
    {
        var org = genes.OneIn(8) ? world.Away : world.Home;
        return new GrantSpec(genes.Pick(world.RoleKeysOf(org)), genes.Pick(RandomWorld.TargetsOf(org)));
    }

    private static GrantSpec HeldOrRandom(RandomWorld world, Genes genes, Member member)
    {
        var held = world.Deployment.Grants.Where(g => g.MemberId == member.Id).Select(g => g.Spec).ToList();
        return held.Count > 0 && !genes.OneIn(5) ? genes.Pick(held) : PickGrant(world, genes);
    }

    private static Invitation PickInvitation(RandomWorld world, Genes genes, out Invitation invitation)
    {
        var home = world.Home.Invitations.ToList();
        invitation = home.Count > 0 && !genes.OneIn(5) ? genes.Pick(home) : genes.Pick(world.Deployment.Invitations);
        return invitation;
    }

    private static string Describe(Invitation invitation) => $"invitation to {invitation.Email} [{string.Join(", ", invitation.Grants)}]";

    private static RandomOperation Of(string description, Actor actor, Func<Decision> run) => new(description, actor, run);
}
