using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;

namespace Gatehouse.Core.Tests.Access;

/// <summary>
/// The engine's hand-written Guid tables (kept because a check that misses the CPU caches pays for every array it
/// passes, see docs/benchmarks.md) against the framework's dictionaries on random keys and operations.
/// </summary>
public class GuidTablesTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    // Ids from a small range that differ in few bits, like sequential ids: they collide in the tables.
    private static readonly Arbitrary<Guid[]> GuidArrays =
        Gen.ArrayOf(Gen.Choose(0, 500).Select(i => new Guid(i, 0, 0, new byte[8]))).ToArbitrary();

    [Fact]
    public void PlaceLookup_AnswersLikeDictionary_ForPresentAndAbsentKeys() =>
        Check.One(Cases, Prop.ForAll(GuidArrays, GuidArrays, (keys, probes) =>
        {
            var expected = keys.Distinct().Select((k, i) => KeyValuePair.Create(k, i + 1)).ToDictionary();
            var lookup = new PlaceLookup([.. expected.Select(e => (e.Key, e.Value))]);

            foreach (var key in expected.Keys.Concat(probes))
            {
                Assert.Equal(expected.TryGetValue(key, out var wanted) ? wanted : -1, lookup.Find(key));
            }
        }));

    [Fact]
    public void PlaceLookup_DuplicateKey_Throws()
    {
        var key = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => new PlaceLookup([(key, 1), (key, 2)]));
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

    [Fact]
    public void OrganizationTable_ReadWhileAnotherThreadSwapsTheOrganization_NeverMixesTwoVersions()
    {
        // A slot holds the organization and its check tables in several words: a read must get all of them from
        // one version, or a check would read one compile's pairs with another's pool.
        var id = Guid.NewGuid();
        var snapshot = new OrganizationSnapshot(id, [new ScopeEntry(Guid.NewGuid(), null, "North")], [], [], []);
        CompiledOrganization[] versions = [new(AccessTestModel.Definition, snapshot), new(AccessTestModel.Definition, snapshot)];
        var table = new OrganizationTable();
        table.Set(id, versions[0]);
        var (reads, mixed) = (0, 0);
        var stop = 0;
        var writer = new Thread(() =>
        {
            for (var i = 0; Volatile.Read(ref stop) == 0; i++)
            {
                table.Set(id, versions[i & 1]);
            }
        });
        writer.Start();
        var until = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < until || reads < 100_000)
        {
            for (var i = 0; i < 1_000; i++, reads++)
            {
                var organization = table.Find(id, out var tables)!;
                var expected = organization.Tables;
                mixed += ReferenceEquals(tables.Places, expected.Places) && ReferenceEquals(tables.Pool, expected.Pool) ? 0 : 1;
            }
        }
        Volatile.Write(ref stop, 1);
        writer.Join();

        Assert.Equal(0, mixed);
    }
}
