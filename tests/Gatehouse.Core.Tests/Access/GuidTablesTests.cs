using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;

namespace Gatehouse.Core.Tests.Access;

/// <summary>
/// The engine's two hand-written Guid tables (kept because they halve the cost of checks that miss the CPU
/// caches, see docs/benchmarks.md) against the framework's dictionaries on random keys and operations.
/// </summary>
public class GuidTablesTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    // Ids from a small range that differ in few bits, like sequential ids: they collide in the tables.
    private static readonly Arbitrary<Guid[]> GuidArrays =
        Gen.ArrayOf(Gen.Choose(0, 500).Select(i => new Guid(i, 0, 0, new byte[8]))).ToArbitrary();

    [Fact]
    public void GuidLookup_AnswersLikeDictionary_ForPresentAndAbsentKeys() =>
        Check.One(Cases, Prop.ForAll(GuidArrays, GuidArrays, (keys, probes) =>
        {
            var expected = keys.Distinct().Select((k, i) => KeyValuePair.Create(k, i)).ToDictionary();
            var lookup = new GuidLookup<int>(expected.Count, expected);

            foreach (var key in expected.Keys.Concat(probes))
            {
                var found = lookup.TryGetValue(key, out var value);
                Assert.Equal(expected.TryGetValue(key, out var wanted), found);
                Assert.Equal(wanted, found ? value : default);
            }
        }));

    [Fact]
    public void GuidLookup_DuplicateKey_Throws()
    {
        var key = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => new GuidLookup<int>(2, [KeyValuePair.Create(key, 1), KeyValuePair.Create(key, 2)]));
    }

    [Fact]
    public void OrganizationTable_AfterAnySequenceOfSetsAndRemovals_AnswersLikeConcurrentDictionary()
    {
        // Few distinct ids so that replacing, removing and re-adding the same id (tombstones) all happen often.
        var ids = Gen.Elements(Enumerable.Range(0, 40).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray());
        var operations = Gen.ListOf(Gen.Zip(ids, Gen.Elements(true, false)));
        var organization = new CompiledOrganization(AccessTestModel.Definition, new OrganizationBuilder().Build());

        Check.One(Cases, Prop.ForAll(operations.ToArbitrary(), steps =>
        {
            var table = new OrganizationTable();
            var expected = new ConcurrentDictionary<Guid, CompiledOrganization>();
            foreach (var (id, put) in steps)
            {
                table.Set(id, put ? organization : null);
                if (put)
                {
                    expected[id] = organization;
                }
                else
                {
                    expected.TryRemove(id, out _);
                }
            }
            for (var i = 0; i < 40; i++)
            {
                var id = new Guid(i, 0, 0, new byte[8]);
                Assert.Same(expected.GetValueOrDefault(id), table.Find(id));
            }
        }));
    }
}
