using System.Diagnostics;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>
/// The bare alternative to an engine: every member's effective set at every place (the organization and each scope),
/// precomputed into a <c>Dictionary&lt;(Guid User, Guid Place), ulong[]&gt;</c>, each set its own array. A check is
/// one lookup and one or two bit tests.
/// </summary>
internal sealed class DictionaryFloor
{
    private readonly Dictionary<(Guid User, Guid Place), ulong[]> _sets;
    private readonly PermissionCatalog _catalog;

    public DictionaryFloor(AccessModel model, OrganizationReference[] organizations)
    {
        _catalog = model.Catalog;
        var now = DateTimeOffset.UtcNow;
        _sets = new Dictionary<(Guid, Guid), ulong[]>(organizations.Sum(o => o.Snapshot.Members.Count * (o.Snapshot.Scopes.Count + 1)));
        foreach (var organization in organizations)
        {
            var snapshot = organization.Snapshot;
            for (var m = 0; m < snapshot.Members.Count; m++)
            {
                var user = snapshot.Members[m].UserId;
                _sets[(user, snapshot.OrganizationId)] = organization.EffectiveAt(m, -1, now);
                for (var s = 0; s < snapshot.Scopes.Count; s++)
                {
                    _sets[(user, snapshot.Scopes[s].Id)] = organization.EffectiveAt(m, s, now);
                }
            }
        }
    }

    public int Count => _sets.Count;

    public bool Check(in CheckQuery q)
    {
        if (!_sets.TryGetValue((q.UserId, q.ScopeId ?? q.OrganizationId), out var set))
        {
            return false;
        }
        var bit = q.Permission.Index;
        if ((set[bit >> 6] & (1UL << bit)) != 0)
        {
            return true;
        }
        var own = _catalog.ViewOwnIndexFor(bit);
        return own >= 0 && q.ResourceOwnerUserId == q.UserId && (set[own >> 6] & (1UL << own)) != 0;
    }

    public long[] TimeEach(CheckQuery[] queries, bool[] answers)
    {
        var ticks = new long[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            answers[i] = Check(in queries[i]);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        return ticks;
    }

    public double TimeRun(CheckQuery[] queries)
    {
        var allowed = 0;
        var start = Stopwatch.GetTimestamp();
        foreach (ref readonly var q in queries.AsSpan())
        {
            allowed += Check(in q) ? 1 : 0;
        }
        var elapsed = Stopwatch.GetTimestamp() - start;
        GC.KeepAlive(allowed);
        return Latency.Nanoseconds(elapsed) / queries.Length;
    }
}
