using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>The compiled engine agrees with a plain reading of the access rule on random deployments.</summary>
public class AccessEnginePropertyTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(3_000);

    private static void ForAll(Func<GeneratedOrganization, bool> property) =>
        Check.One(Cases, Prop.ForAll(OrganizationGenerator.Arbitrary(), property));

    private static AccessEngine EngineFor(GeneratedOrganization generated, params OrganizationSnapshot[] organizations)
    {
        var engine = new AccessEngine(generated.CreateModel(), new FakeTimeProvider(OrganizationGenerator.Now));
        foreach (var organization in organizations)
        {
            engine.Load(organization);
        }
        return engine;
    }

    private static bool[] Answers(AccessEngine engine, GeneratedOrganization generated) =>
        [.. generated.Queries.Select(q => engine.Check(generated.Organization.OrganizationId, q.UserId, new PermissionId(q.Permission), q.ScopeId, q.OwnerUserId))];

    [Fact]
    public void Check_OnRandomDeployments_AgreesWithTheReferenceRule() => ForAll(generated =>
    {
        var answers = Answers(EngineFor(generated, generated.Organization), generated);
        var expected = generated.Queries.Select(q =>
            ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, generated.Organization, OrganizationGenerator.Now, q, generated.Implies));
        return answers.SequenceEqual(expected);
    });

    [Fact]
    public void Explain_OnRandomDeployments_AllowsExactlyWhatCheckAllows() => ForAll(generated =>
    {
        var engine = EngineFor(generated, generated.Organization);
        var organizationId = generated.Organization.OrganizationId;
        return generated.Queries.All(q =>
        {
            var code = q.Permission < generated.Codes.Length ? generated.Codes[q.Permission] : "unknown.view";
            var explanation = engine.Explain(organizationId, q.UserId, code, q.ScopeId, q.OwnerUserId);
            return explanation.Allowed == engine.Check(organizationId, q.UserId, new PermissionId(q.Permission), q.ScopeId, q.OwnerUserId)
                && explanation.Allowed == (explanation.AllowingGrants.Count > 0 || explanation.Reason is "full_access" or "owner");
        });
    });

    [Fact]
    public void CheckMany_OnRandomDeployments_AnswersLikeCheck() => ForAll(generated =>
    {
        var engine = EngineFor(generated, generated.Organization);
        var organizationId = generated.Organization.OrganizationId;
        return generated.Queries.GroupBy(q => q.UserId).All(batch =>
        {
            AccessQuery[] queries = [.. batch.Select(q => new AccessQuery(new PermissionId(q.Permission), q.ScopeId, q.OwnerUserId))];
            var answers = new bool[queries.Length];
            engine.CheckMany(organizationId, batch.Key, queries, answers);
            return answers.SequenceEqual(queries.Select(q => engine.Check(organizationId, batch.Key, q.Permission, q.ScopeId, q.ResourceOwnerUserId)));
        });
    });

    [Fact]
    public void CheckMany_OnBatchesLongerThanAChunk_AgreesWithTheReferenceRule() => ForAll(generated =>
    {
        // Every member (and a stranger) asks every generated question, repeated to 100 queries or more, so a batch
        // spans several of CheckMany's chunks of 64; on one segment and on segments of two members.
        var engines = new[] { EngineFor(generated, generated.Organization), EngineFor(generated) };
        engines[1].Install(new CompiledOrganization(engines[1].Model, generated.Organization, 2));
        var organizationId = generated.Organization.OrganizationId;
        var repeats = (100 + generated.Queries.Length - 1) / generated.Queries.Length;
        return generated.Organization.Members.Select(m => m.UserId).Append(OrganizationGenerator.Stranger).All(user =>
        {
            GeneratedQuery[] batch = [.. Enumerable.Repeat(generated.Queries, repeats).SelectMany(q => q).Select(q => q with { UserId = user })];
            var expected = batch.Select(q =>
                ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, generated.Organization, OrganizationGenerator.Now, q, generated.Implies));
            AccessQuery[] queries = [.. batch.Select(q => new AccessQuery(new PermissionId(q.Permission), q.ScopeId, q.OwnerUserId))];
            return engines.All(engine =>
            {
                var answers = new bool[queries.Length];
                engine.CheckMany(organizationId, user, queries, answers);
                return answers.SequenceEqual(expected);
            });
        });
    });

    [Fact]
    public void OtherOrganizations_LoadedChangedOrInvalidated_NeverChangeAnAnswer() => ForAll(generated =>
    {
        var alone = Answers(EngineFor(generated, generated.Organization), generated);
        var shared = EngineFor(generated, generated.Other, generated.Organization);
        var before = Answers(shared, generated);
        shared.Load(generated.OtherChanged);
        var afterChange = Answers(shared, generated);
        shared.Invalidate(generated.Other.OrganizationId);
        var afterInvalidate = Answers(shared, generated);
        return before.SequenceEqual(alone) && afterChange.SequenceEqual(alone) && afterInvalidate.SequenceEqual(alone);
    });

    [Fact]
    public void Check_OnOrganizationsOfSeveralSegments_AgreesWithTheReferenceRule() => ForAll(generated =>
    {
        // Two members a segment: the engine's table then holds no pairs and checks go through the organization.
        var engine = new AccessEngine(generated.CreateModel(), new FakeTimeProvider(OrganizationGenerator.Now));
        engine.Install(new CompiledOrganization(engine.Model, generated.Organization, 2));
        var expected = generated.Queries.Select(q =>
            ReferenceAccessRule.Allowed(generated.Codes, generated.SystemRoles, generated.Organization, OrganizationGenerator.Now, q, generated.Implies));
        var organizationId = generated.Organization.OrganizationId;
        var batchesAgree = generated.Queries.GroupBy(q => q.UserId).All(batch =>
        {
            AccessQuery[] queries = [.. batch.Select(q => new AccessQuery(new PermissionId(q.Permission), q.ScopeId, q.OwnerUserId))];
            var answers = new bool[queries.Length];
            engine.CheckMany(organizationId, batch.Key, queries, answers);
            return answers.SequenceEqual(queries.Select(q => engine.Check(organizationId, batch.Key, q.Permission, q.ScopeId, q.ResourceOwnerUserId)));
        });
        return Answers(engine, generated).SequenceEqual(expected) && batchesAgree;
    });
}
