using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Model;
using Gatehouse.Core.Tests.Support.Properties;

namespace Gatehouse.Core.Tests.Management;

/// <summary>
/// "No one grants what they do not hold" and tenant isolation, checked over random organizations and random
/// sequences of operations by random actors (FsCheck shrinks the gene array to a small counterexample).
/// </summary>
public class ManagementProperties
{
    private const int OperationsPerCase = 8;

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Arbitrary<int[]> AnyGenes = ArbMap.Default.ArbFor<int[]>();

    [Fact]
    public void NoAllowedOperation_GivesAnyoneAPermissionTheActorLackedThere() =>
        Check.One(Runs, Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertNoEscalation)));

    [Fact]
    public void NoAllowedOperation_ChangesAMembersAccessWithoutTheRightThere_OrWhereTheyHoldMore() =>
        Check.One(Runs, Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertWithinOwnAccess)));

    [Fact]
    public void OwnersAndProvisionedMembers_ChangeOnlyAsTheProtectionRulesAllow() =>
        Check.One(Runs, Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertProtectedMembers)));

    [Fact]
    public void NoOperationInOneOrganization_ChangesAnyAnswerInAnother() =>
        Check.One(Runs, Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertIsolation)));

    [Fact]
    public void RefusedOperations_ChangeNothing_AndSayWhyWithACodeAndASentence() =>
        Check.One(Runs, Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertRefusalsChangeNothing)));

    [Fact]
    public void ScopeRules_ReadWhatEachMemberHoldsAtEachScope_AsTheEngineDoes() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(AnyGenes, genes => RunScenario(genes, AssertScopeRulesAgreeWithTheEngine)));

    private delegate void Step(RandomWorld world, RandomOperation operation);

    /// <summary>Runs the operation; an allowed invitation is accepted at once, so what it offers becomes access to check.</summary>
    private static Core.Management.Decision Apply(RandomWorld world, RandomOperation operation)
    {
        var decision = operation.Run();
        if (decision.IsAllowed && operation.IsInvitation)
        {
            world.Home.Accept(world.Home.Invitations.Last());
        }
        return decision;
    }

    private static void RunScenario(int[] values, Step step)
    {
        var genes = new Genes(values);
        var world = RandomWorld.Build(genes);
        for (var i = 0; i < OperationsPerCase; i++)
        {
            step(world, RandomOperation.Next(world, genes, i));
        }
    }

    /// <summary>Whatever anyone gains at a target, the actor held there before; an invitation is accepted at once to see what it gives.</summary>
    private static void AssertNoEscalation(RandomWorld world, RandomOperation operation)
    {
        var targets = RandomWorld.TargetsOf(world.Home);
        var actorHeld = targets.ToDictionary(t => t ?? Guid.Empty, t => AccessFingerprint.ActorHeld(world.Home, operation.Actor, t));
        var before = AccessFingerprint.Of(world.Home);
        var decision = Apply(world, operation);
        var after = AccessFingerprint.Of(world.Home);
        foreach (var ((member, target), now) in after.Effective)
        {
            var had = before.Effective.GetValueOrDefault((member, target), PermissionSet.Empty);
            var gained = now.Except(had);
            Assert.True(gained.IsSubsetOf(actorHeld[target ?? Guid.Empty]),
                $"'{operation.Description}' ({decision}) gave {string.Join(", ", world.Model.Catalog.CodesOf(gained.Except(actorHeld[target ?? Guid.Empty])))} at {target?.ToString() ?? "the organization"} that the actor lacked there.");
        }
    }

    /// <summary>
    /// Wherever a member's grants were added or removed the actor held <c>members.assign</c> (<c>members.invite</c>
    /// for a newcomer); there, and everywhere when the member lost full access or ownership, the member held no more
    /// than the actor beforehand; when the member was deactivated or removed, no more rights to manage people, and
    /// full access or ownership only if the actor has one of them.
    /// </summary>
    private static void AssertWithinOwnAccess(RandomWorld world, RandomOperation operation)
    {
        var targets = RandomWorld.TargetsOf(world.Home);
        var actorHeld = targets.ToDictionary(t => t ?? Guid.Empty, t => AccessFingerprint.ActorHeld(world.Home, operation.Actor, t));
        var actorBypasses = ActorBypasses(world, operation);
        var before = AccessFingerprint.Of(world.Home);
        var decision = Apply(world, operation);
        if (!decision.IsAllowed || operation.ActsOnRoles)
        {
            return;
        }
        var after = AccessFingerprint.Of(world.Home);
        if (operation.MovesScope)
        {
            AssertMoveWithinOwnAccess(world, operation, actorHeld, before, after);
        }
        foreach (var (member, now) in after.Members.Where(m => !before.Members.ContainsKey(m.Key)))
        {
            AssertHeldBy(world, operation, actorHeld, ManagementPermissions.Invite, now.Grants.Select(g => g.ScopeId));
        }
        foreach (var (member, was) in before.Members)
        {
            var now = after.Members.GetValueOrDefault(member);
            var wholeMembership = now is null || (was.IsActive && !now.IsActive) || (was.BypassesChecks && !now.BypassesChecks);
            IReadOnlyList<Guid?> actedOn = wholeMembership
                ? targets
                : [.. was.Grants.Except(now!.Grants).Concat(now.Grants.Except(was.Grants)).Select(g => g.ScopeId).Where(targets.Contains).Distinct()];
            if (!wholeMembership)
            {
                AssertHeldBy(world, operation, actorHeld, ManagementPermissions.Assign, actedOn);
            }
            // Deactivating or removing takes access away: only their rights to manage people, full access and
            // ownership must be within the actor's own (seed 003, "removing access is not granting it").
            var endsMembership = now is null || (was.IsActive && !now.IsActive);
            if (endsMembership && (now is null || was.BypassesChecks == now.BypassesChecks))
            {
                Assert.True(!was.BypassesChecks || actorBypasses, $"'{operation.Description}' ({decision}) ended the membership of someone with full access or ownership.");
                foreach (var target in actedOn)
                {
                    var missing = before.Held[(member, target)].Except(actorHeld[target ?? Guid.Empty]);
                    Assert.True(!ManagementPermissions.LockOut.Any(p => missing.Contains(world.Model.Catalog.Resolve(p))),
                        $"'{operation.Description}' ({decision}) ended the membership of someone holding rights to manage people the actor lacked at {target?.ToString() ?? "the organization"}.");
                }
                continue;
            }
            foreach (var target in actedOn)
            {
                var theirs = before.Held[(member, target)];
                Assert.True(theirs.IsSubsetOf(actorHeld[target ?? Guid.Empty]),
                    $"'{operation.Description}' ({decision}) changed a member at {target?.ToString() ?? "the organization"} who held {string.Join(", ", world.Model.Catalog.CodesOf(theirs.Except(actorHeld[target ?? Guid.Empty])))} there, which the actor lacked.");
            }
        }
    }

    private static bool ActorBypasses(RandomWorld world, RandomOperation operation) =>
        operation.Actor.Kind == Core.Management.ActorKind.PlatformOperator
        || world.Home.Members.Any(m => m.UserId == operation.Actor.UserId && (m.IsOwner || m.HasFullAccess));

    /// <summary>
    /// Only an owner (or product support) changes an owner or a holder of a protected role, nobody changes what
    /// provisioning manages about a provisioned member, and an organization that has an owner keeps one.
    /// </summary>
    private static void AssertProtectedMembers(RandomWorld world, RandomOperation operation)
    {
        var actorIsOwner = operation.Actor.Kind == Core.Management.ActorKind.PlatformOperator
            || world.Home.Members.Any(m => m.UserId == operation.Actor.UserId && m.IsOwner);
        var before = AccessFingerprint.Of(world.Home);
        var decision = Apply(world, operation);
        if (!decision.IsAllowed || operation.ActsOnRoles)
        {
            return;
        }
        var after = AccessFingerprint.Of(world.Home);
        foreach (var (member, was) in before.Members.Where(m => !m.Value.SameAs(after.Members.GetValueOrDefault(m.Key))))
        {
            Assert.True(!was.IsExternal || was.SameAccessAs(after.Members.GetValueOrDefault(member)), $"'{operation.Description}' ({decision}) changed a provisioned member.");
            Assert.True(!was.IsOwner || actorIsOwner, $"'{operation.Description}' ({decision}) changed an owner without being one.");
            Assert.True(!was.Grants.Any(g => world.Model.FindRole(g.RoleKey)?.Protected == true) || actorIsOwner,
                $"'{operation.Description}' ({decision}) changed a holder of a protected role without being an owner.");
        }
        var owners = (AccessFingerprint f) => f.Members.Values.Count(m => m.IsOwner && m.IsActive);
        Assert.True(owners(before) == 0 || owners(after) > 0, $"'{operation.Description}' ({decision}) left no owner.");
    }

    /// <summary>
    /// A move touches no grant, yet changes what members hold under the moved scope: wherever that changed, the actor
    /// held <c>members.assign</c> there and, before the move, everything the member held there before and after it.
    /// </summary>
    private static void AssertMoveWithinOwnAccess(RandomWorld world, RandomOperation operation, Dictionary<Guid, PermissionSet> actorHeld,
        AccessFingerprint before, AccessFingerprint after)
    {
        foreach (var ((member, target), now) in after.Held)
        {
            var was = before.Held[(member, target)];
            if (was.Equals(now))
            {
                continue;
            }
            var actor = actorHeld[target ?? Guid.Empty];
            AssertHeldBy(world, operation, actorHeld, ManagementPermissions.Assign, [target]);
            Assert.True(was.IsSubsetOf(actor) && now.IsSubsetOf(actor),
                $"'{operation.Description}' changed what a member holds at {target?.ToString() ?? "the organization"} beyond the actor's own there: "
                + string.Join(", ", world.Model.Catalog.CodesOf(was.Union(now).Except(actor))));
        }
    }

    private static void AssertHeldBy(RandomWorld world, RandomOperation operation, Dictionary<Guid, PermissionSet> actorHeld, string permission, IEnumerable<Guid?> targets)
    {
        var bit = world.Model.Catalog.Resolve(permission);
        foreach (var target in targets)
        {
            Assert.True(actorHeld[target ?? Guid.Empty].Contains(bit), $"'{operation.Description}' changed grants at {target?.ToString() ?? "the organization"} where the actor lacks {permission}.");
        }
    }

    /// <summary>The move rule works out access in trees that do not exist yet; in the one that does, it must agree with the engine.</summary>
    private static void AssertScopeRulesAgreeWithTheEngine(RandomWorld world, RandomOperation operation)
    {
        Apply(world, operation);
        var compiled = world.Home.Compiled;
        var parents = compiled.Scopes.ToDictionary(s => s.Id, s => s.ParentId);
        foreach (var holder in Core.Management.ScopeHolder.Of(compiled, []))
        {
            foreach (var scope in compiled.Scopes)
            {
                Assert.Equal(compiled.HeldPermissions(holder.Member!, scope.Id), holder.HeldAt(compiled, scope.Id, id => parents.GetValueOrDefault(id)));
            }
        }
    }

    private static void AssertIsolation(RandomWorld world, RandomOperation operation)
    {
        var before = AccessFingerprint.Of(world.Away);
        var decision = Apply(world, operation);
        Assert.True(before.SameAnswersAs(AccessFingerprint.Of(world.Away)), $"'{operation.Description}' ({decision}) in one organization changed another.");
    }

    private static void AssertRefusalsChangeNothing(RandomWorld world, RandomOperation operation)
    {
        var before = AccessFingerprint.Of(world.Home);
        var decision = Apply(world, operation);
        if (!decision.IsAllowed)
        {
            Assert.Matches("^[a-z_]+$", decision.Code!);
            Assert.NotEqual(Core.Management.Refusal.None, decision.Refusal);
            Assert.True(decision.Error!.Message.Length > 20 && decision.Error.Message.TrimEnd().EndsWith('.'), decision.Error.Message);
            Assert.True(before.SameAnswersAs(AccessFingerprint.Of(world.Home)), $"Refused '{operation.Description}' still changed something.");
        }
    }
}
