using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>
/// The lookups (where may a member do P; who may do P at a place), walked page by page, list exactly what the
/// reference rule allows, in id order, also on an organization patched by a change.
/// </summary>
public class LookupPropertyTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(1_000);

    private static Arbitrary<(GeneratedOrganization Organization, int[] Genes, int Limit)> Scenarios() =>
        (from organization in OrganizationGenerator.Arbitrary().Generator
         from genes in Gen.ArrayOf(Gen.Choose(0, 10_000))
         from limit in Gen.Choose(1, 4)
         select (organization, genes, limit)).ToArbitrary();

    [Fact]
    public void PlacesAllowed_PagedThrough_AreThePlacesTheReferenceRuleAllows() =>
        Check.One(Cases, Prop.ForAll(Scenarios(), scenario =>
        {
            var (generated, values, limit) = scenario;
            var (compiled, snapshot) = Compile(generated, values);
            var time = new FakeTimeProvider(OrganizationGenerator.Now);
            foreach (var user in snapshot.Members.Select(m => m.UserId).Append(OrganizationGenerator.Stranger))
            {
                for (var bit = 0; bit < generated.Codes.Length; bit++)
                {
                    bool Allowed(Guid? scope) => ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, snapshot, OrganizationGenerator.Now, new GeneratedQuery(user, bit, scope, null), generated.Implies);
                    var expected = snapshot.Scopes.Select(s => s.Id).Where(s => Allowed(s)).Order().ToList();
                    var (onOrganization, listed) = (false, new List<Guid>());
                    for (Guid? after = null; ;)
                    {
                        var page = compiled.PlacesAllowed(user, new PermissionId(bit), time, after, limit);
                        onOrganization = page.OnOrganization;
                        Assert.True(page.ScopeIds.Count <= limit);
                        listed.AddRange(page.ScopeIds);
                        if ((after = page.NextAfter) is null)
                        {
                            break;
                        }
                    }
                    if (onOrganization != Allowed(null) || !listed.SequenceEqual(expected))
                    {
                        throw new InvalidOperationException($"user {user} bit {bit}: [{string.Join(", ", listed)}] org={onOrganization}, expected [{string.Join(", ", expected)}] org={Allowed(null)}");
                    }
                }
            }
            return true;
        }));

    [Fact]
    public void MembersAllowed_PagedThrough_AreTheMembersTheReferenceRuleAllows() =>
        Check.One(Cases, Prop.ForAll(Scenarios(), scenario =>
        {
            var (generated, values, limit) = scenario;
            var (compiled, snapshot) = Compile(generated, values);
            var time = new FakeTimeProvider(OrganizationGenerator.Now);
            foreach (var scope in snapshot.Scopes.Select(s => (Guid?)s.Id).Append(null).Append(OrganizationGenerator.UnknownScope))
            {
                for (var bit = 0; bit < generated.Codes.Length; bit++)
                {
                    var expected = snapshot.Members
                        .Where(m => ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, snapshot, OrganizationGenerator.Now, new GeneratedQuery(m.UserId, bit, scope, null), generated.Implies))
                        .Select(m => m.MemberId).Order().ToList();
                    var listed = new List<Guid>();
                    for (Guid? after = null; ;)
                    {
                        var page = compiled.MembersAllowed(new PermissionId(bit), scope, time, after, limit);
                        Assert.True(page.Members.Count <= limit);
                        listed.AddRange(page.Members.Select(m => m.Entry.MemberId));
                        if ((after = page.NextAfter) is null)
                        {
                            break;
                        }
                    }
                    if (!listed.SequenceEqual(expected))
                    {
                        throw new InvalidOperationException($"scope {scope} bit {bit}: [{string.Join(", ", listed)}], expected [{string.Join(", ", expected)}]");
                    }
                }
            }
            return true;
        }));

    /// <summary>The generated organization, compiled, and half the time patched by a random change first.</summary>
    private static (CompiledOrganization Compiled, OrganizationSnapshot Snapshot) Compile(GeneratedOrganization generated, int[] values)
    {
        var model = generated.CreateModel();
        var compiled = new CompiledOrganization(model, generated.Organization, 2);
        if (values.Length % 2 == 0)
        {
            return (compiled, generated.Organization);
        }
        var (change, after) = ChangeRecipe.Next(generated, generated.Organization, new Support.Properties.Genes(values), 1);
        return (compiled.Apply(change), after);
    }
}
