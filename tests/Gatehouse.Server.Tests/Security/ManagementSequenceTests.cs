using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Tests.Support.Properties;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Security;

/// <summary>
/// The security regression suite over HTTP: actors of different rights send random management requests
/// (access changes, scope moves and deletions, invitations with resends and revocations, role edits), and
/// after every step a refused request changed nothing, nobody gained a permission at a place where the actor
/// lacked it, and the engine's answers equal the access rule computed here from the stored rows.
/// </summary>
public sealed class ManagementSequenceTests(ServerPool servers)
{
    private const int StepsPerCase = 16;

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(40);

    private static readonly Arbitrary<int[]> AnyGenes = ArbMap.Default.ArbFor<int[]>();

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RandomRequests_NeverEscalate_RefusalsChangeNothing_AndTheEngineAgrees(string store)
    {
        var app = await servers.GetAsync(store);
        // Off the test's synchronization context, so that FsCheck's synchronous property may wait for the HTTP calls.
        await Task.Run(() => Check.One(Runs, Prop.ForAll(AnyGenes, values => RunCaseAsync(app, values).GetAwaiter().GetResult())));
    }

    private static async Task RunCaseAsync(GatehouseApp app, int[] values)
    {
        var genes = new Genes(values);
        var world = await SecurityWorld.BuildAsync(app);
        var pending = new List<(Guid Id, string Email)>();
        var log = new List<string>();
        for (var step = 0; step < StepsPerCase; step++)
        {
            var before = await StoredAccess.ReadAsync(app, world.Model, world.OrganizationId);
            var request = RandomRequest.Next(world, before, genes, pending);
            var actorHeld = before.Targets.ToDictionary(t => t ?? Guid.Empty, t => before.Effective(request.Actor.Member.MemberId, t));
            var response = await request.Send();
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            log.Add($"{request.Description} → {status}");
            var history = string.Join("\n  ", log);
            Assert.True(status < 500, $"A server error:\n  {history}\n{body}");
            if (status >= 400)
            {
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("code").GetString()), history);
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), history);
                var unchanged = await StoredAccess.ReadAsync(app, world.Model, world.OrganizationId);
                Assert.True(before.State == unchanged.State, $"A refused request changed stored state:\n  {history}\n{body}");
                continue;
            }
            if (request.InvitesSomeone)
            {
                await FollowInvitationAsync(world, body, pending, accept: genes.OneIn(2));
            }
            var after = await StoredAccess.ReadAsync(app, world.Model, world.OrganizationId);
            AssertNoEscalation(before, after, actorHeld, history);
            if (!request.ActsOnRoles)
            {
                AssertRemovalsWithinOwnAccess(before, after, actorHeld, history);
            }
            AssertInvitationChangesWithinOwnAccess(before, after, actorHeld, history);
            await AssertEngineAgreesAsync(world, after, history);
        }
    }

    /// <summary>Keeps a new or resent invitation pending, or accepts it at once as a newcomer, so what it offers becomes access to check.</summary>
    private static async Task FollowInvitationAsync(SecurityWorld world, string body, List<(Guid Id, string Email)> pending, bool accept)
    {
        var answer = JsonDocument.Parse(body).RootElement;
        var invitation = answer.ValueKind == JsonValueKind.Array ? answer[0] : answer;
        var id = invitation.GetProperty("id").GetGuid();
        var email = invitation.GetProperty("email").GetString()!;
        pending.RemoveAll(p => p.Id == id);
        if (!accept)
        {
            pending.Add((id, email));
            return;
        }
        var token = await world.App.TokenSentToAsync(email, invitation.GetProperty("resendCount").GetInt32() > 0 ? "invitation_resent" : "invitation");
        var accepted = await world.App.AcceptAsNewUserAsync(token);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
    }

    /// <summary>Whatever anyone gained at a place (a new scope compared with its parent), the actor held there before.</summary>
    private static void AssertNoEscalation(StoredAccess before, StoredAccess after, Dictionary<Guid, IReadOnlySet<string>> actorHeld, string history)
    {
        foreach (var member in after.Members.Keys)
        {
            foreach (var target in after.Targets)
            {
                var place = target is { } t && !before.Scopes.ContainsKey(t) ? after.Chain(t).Skip(1).Where(before.Scopes.ContainsKey).Select(s => (Guid?)s).FirstOrDefault() : target;
                var had = before.Effective(member, place);
                var gained = after.Effective(member, target).Except(had).ToList();
                var allowedHere = actorHeld[place ?? Guid.Empty];
                var beyond = gained.Where(p => !allowedHere.Contains(p)).ToList();
                Assert.True(beyond.Count == 0,
                    $"Member {member} gained {string.Join(", ", beyond)} at {target?.ToString() ?? "the organization"}, which the actor lacked there:\n  {history}");
            }
        }
    }

    /// <summary>
    /// Whoever lost access at a place (a grant removed or changed, a scope deleted or moved away from an
    /// ancestor) held no more there than the actor; whoever was deactivated or removed held no management
    /// right the actor lacked.
    /// </summary>
    private static void AssertRemovalsWithinOwnAccess(StoredAccess before, StoredAccess after, Dictionary<Guid, IReadOnlySet<string>> actorHeld, string history)
    {
        foreach (var (memberId, was) in before.Members.Where(m => m.Value.IsActive))
        {
            var gone = !after.Members.TryGetValue(memberId, out var now) || !now.IsActive;
            foreach (var target in before.Targets)
            {
                var theirs = before.Effective(memberId, target);
                IEnumerable<string> judged;
                if (gone)
                {
                    judged = theirs.Where(IsManagementRight);
                }
                else if (target is { } deleted && !after.Scopes.ContainsKey(deleted))
                {
                    judged = before.Grants.Any(g => g.Member == memberId && g.Scope is { } s && before.Chain(s).Contains(deleted)) ? theirs : [];
                }
                else
                {
                    judged = after.Effective(memberId, target).IsSupersetOf(theirs) ? [] : theirs;
                }
                var beyond = judged.Where(p => !actorHeld[target ?? Guid.Empty].Contains(p)).ToList();
                Assert.True(beyond.Count == 0,
                    $"Member {memberId} {(gone ? "was deactivated or removed" : "lost access")} at {target?.ToString() ?? "the organization"} while holding {string.Join(", ", beyond)} there, which the actor lacked:\n  {history}");
            }
        }
    }

    /// <summary>An invitation revoked or resent offered nothing the actor lacked where it applies.</summary>
    private static void AssertInvitationChangesWithinOwnAccess(StoredAccess before, StoredAccess after, Dictionary<Guid, IReadOnlySet<string>> actorHeld, string history)
    {
        foreach (var (id, was) in before.Invitations.Where(i => i.Value.Status == "Pending"))
        {
            if (!after.Invitations.TryGetValue(id, out var now) || (now.TokenHash == was.TokenHash && now.Status != "Revoked"))
            {
                continue;
            }
            var everything = before.PermissionsOf("admin").ToHashSet();
            foreach (var (role, scope) in was.Grants)
            {
                var offered = was.FullAccess ? everything : before.PermissionsOf(role).ToHashSet();
                var beyond = offered.Where(p => !actorHeld.GetValueOrDefault(scope ?? Guid.Empty, new HashSet<string>()).Contains(p)).ToList();
                Assert.True(beyond.Count == 0,
                    $"The invitation {id} was {now.Status.ToLowerInvariant()} or resent though it offers {string.Join(", ", beyond)} at {scope?.ToString() ?? "the organization"}, which the actor lacked:\n  {history}");
            }
        }
    }

    private static bool IsManagementRight(string code) => code.StartsWith("members.", StringComparison.Ordinal) || code is "roles.manage" or "organization.manage";

    /// <summary>Every permission of the catalog at every place, for every member, through the batch check, equals the access rule over the stored rows.</summary>
    private static async Task AssertEngineAgreesAsync(SecurityWorld world, StoredAccess stored, string history)
    {
        var codes = world.Model.Catalog.All.Select(p => p.Code).ToList();
        var targets = stored.Targets.ToList();
        foreach (var member in stored.Members.Values)
        {
            var questions = targets.SelectMany(t => codes.Select(c => (Target: t, Code: c))).ToList();
            var response = await world.App.Operator.PostAsJsonAsync(world.Path("/check/batch"),
                new { userId = member.UserId, checks = questions.Select(q => new { permission = q.Code, scopeId = q.Target }) });
            var answers = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("results").EnumerateArray().Select(a => a.GetBoolean()).ToList();
            for (var i = 0; i < questions.Count; i++)
            {
                var expected = stored.Effective(member.Id, questions[i].Target).Contains(questions[i].Code);
                Assert.True(expected == answers[i],
                    $"The engine answers {answers[i]} for {questions[i].Code} of member {member.Id} at {questions[i].Target?.ToString() ?? "the organization"}; the stored grants say {expected}:\n  {history}");
            }
        }
    }
}
