using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using Gatehouse.Core.Tests.Support.Properties;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>
/// A change applied to a compiled organization (<see cref="CompiledOrganization.Apply"/>, which compiles only what
/// it touches) gives the organization a fresh compile of the changed snapshot gives, and the reference rule agrees.
/// </summary>
public class ApplyPropertyTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(600);

    private static Arbitrary<(GeneratedOrganization Organization, int[] Genes, int MembersPerSegment)> Scenarios() =>
        (from organization in OrganizationGenerator.Arbitrary().Generator
         from genes in Gen.ArrayOf(Gen.Choose(0, 10_000))
         from perSegment in Gen.Elements(1, 2, 64)
         select (organization, genes, perSegment)).ToArbitrary();

    [Fact]
    public void Apply_SeveralRandomChangesInARow_EqualsAFreshCompileAfterEach() =>
        Check.One(Cases, Prop.ForAll(Scenarios(), scenario =>
        {
            var (generated, values, perSegment) = scenario;
            var model = generated.CreateModel();
            var genes = new Genes(values);
            var snapshot = generated.Organization;
            var compiled = new CompiledOrganization(model, snapshot, perSegment);
            var seen = snapshot.Scopes.Select(s => s.Id).ToList();
            var users = snapshot.Members.Select(m => m.UserId).ToList();
            for (var step = 1; step <= 3; step++)
            {
                var (change, after) = ChangeRecipe.Next(generated, snapshot, genes, step);
                compiled = compiled.Apply(change);
                snapshot = after;
                seen.AddRange(after.Scopes.Select(s => s.Id));
                users.AddRange(after.Members.Select(m => m.UserId));
                var fresh = new CompiledOrganization(model, after);
                if (CompiledEquivalence.Difference(compiled, fresh, generated, users, seen) is { } difference)
                {
                    throw new InvalidOperationException($"After step {step} ({Describe(change)}): {difference}");
                }
                AgreesWithReference(generated, compiled, after, users, seen);
            }
            return true;
        }));

    [Fact]
    public void Apply_LeavesTheOrganizationItWasAppliedTo_AsItWas() =>
        Check.One(Cases, Prop.ForAll(Scenarios(), scenario =>
        {
            var (generated, values, perSegment) = scenario;
            var model = generated.CreateModel();
            var before = new CompiledOrganization(model, generated.Organization, perSegment);
            var (change, _) = ChangeRecipe.Next(generated, generated.Organization, new Genes(values), 1);
            before.Apply(change);
            var users = generated.Organization.Members.Select(m => m.UserId);
            var scopes = generated.Organization.Scopes.Select(s => s.Id);
            return CompiledEquivalence.Difference(before, new CompiledOrganization(model, generated.Organization), generated, users, scopes) is null;
        }));

    private static void AgreesWithReference(GeneratedOrganization generated, CompiledOrganization compiled, OrganizationSnapshot after, List<Guid> users, List<Guid> scopes)
    {
        var time = new FakeTimeProvider(OrganizationGenerator.Now);
        foreach (var user in users.Distinct())
        {
            foreach (var scope in scopes.Distinct().Select(s => (Guid?)s).Append(null))
            {
                for (var bit = 0; bit <= generated.Codes.Length; bit++)
                {
                    var query = new GeneratedQuery(user, bit, scope, user);
                    var expected = ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, after, OrganizationGenerator.Now, query, generated.Implies);
                    if (compiled.Check(user, new PermissionId(bit), scope, user, time) != expected)
                    {
                        throw new InvalidOperationException($"Check(user {user}, bit {bit}, scope {scope}) disagrees with the reference rule.");
                    }
                }
            }
        }
    }

    private static string Describe(OrganizationChange change) =>
        $"{change.Members.Count} members [{string.Join("; ", change.Members.Select(m => $"{m.MemberId}: {m.Entry?.ToString() ?? "removed"} [{string.Join(", ", m.Grants)}]"))}]"
        + (change.Scopes is { } s ? $", scopes [{string.Join(", ", s)}]" : "")
        + (change.Roles is { } r ? $", roles [{string.Join(", ", r.Select(x => $"{x.Key}:{string.Join(' ', x.Permissions)}"))}]" : "");
}
