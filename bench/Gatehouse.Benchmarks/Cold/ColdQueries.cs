using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>A drawn stream and the naive evaluator's answer to each query.</summary>
internal sealed record ColdStream(CheckQuery[] Queries, bool[] Expected, int NearMisses)
{
    public double AllowedShare => Expected.Count(a => a) / (double)Expected.Length;
}

/// <summary>
/// Draws a uniform random stream over every member of a deployment: half allowed, a quarter denied near misses (a
/// permission the member holds at another place of the organization), a quarter denied at random; each query at one
/// of the organization's scopes 75% of the time, the user as the resource owner half the time. The answers are the
/// naive evaluator's, so the mix is exact whatever the drawing helper gets wrong.
/// </summary>
internal static class ColdQueries
{
    public static ColdStream Draw(AccessModel model, OrganizationReference[] organizations, NaiveAccessRule naive, int count, int seed)
    {
        var random = new Random(seed);
        var members = organizations.SelectMany((o, i) => Enumerable.Range(0, o.Snapshot.Members.Count).Select(m => (Organization: i, Member: m))).ToArray();
        var queries = new CheckQuery[count];
        var expected = new bool[count];
        var now = DateTimeOffset.UtcNow;
        var nearMisses = 0;
        for (var i = 0; i < count; i++)
        {
            var kind = i % 4; // 0, 2: allowed; 1: near miss; 3: denied at random
            while (true)
            {
                var (o, m) = members[random.Next(members.Length)];
                var reference = organizations[o];
                var snapshot = reference.Snapshot;
                var entry = snapshot.Members[m];
                var place = snapshot.Scopes.Count > 0 && random.Next(4) > 0 ? random.Next(snapshot.Scopes.Count) : -1;
                var owner = random.Next(2) == 0 ? entry.UserId : (Guid?)null;
                var admitted = entry.Status == MemberStatus.Active && !(entry.LockoutEnd > now);
                int bit;
                if (kind == 3)
                {
                    bit = random.Next(model.Catalog.Count);
                }
                else if (!admitted)
                {
                    continue;
                }
                else if (kind == 1)
                {
                    if (entry.IsOwner || entry.HasFullAccess || !TryPick(random, Except(reference.HeldAnywhere(m), reference.HeldAt(m, place)), out bit))
                    {
                        continue;
                    }
                }
                else if (entry.IsOwner || entry.HasFullAccess)
                {
                    bit = random.Next(model.Catalog.Count);
                }
                else if (!TryPick(random, reference.HeldAt(m, place), out bit))
                {
                    continue;
                }
                var query = new CheckQuery(snapshot.OrganizationId, entry.UserId, new PermissionId(bit), place < 0 ? null : snapshot.Scopes[place].Id, owner);
                var answer = naive.Check(query.OrganizationId, query.UserId, query.Permission, query.ScopeId, query.ResourceOwnerUserId);
                if (answer != (kind is 0 or 2))
                {
                    continue;
                }
                nearMisses += kind == 1 ? 1 : 0;
                (queries[i], expected[i]) = (query, answer);
                break;
            }
        }
        // Shuffled together, so the position in the stream says nothing about the answer.
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return new ColdStream([.. order.Select(i => queries[i])], [.. order.Select(i => expected[i])], nearMisses);
    }

    private static ulong[] Except(ulong[] all, ulong[] here) => [.. all.Select((w, i) => w & ~here[i])];

    private static bool TryPick(Random random, ulong[] words, out int bit)
    {
        var total = words.Sum(w => System.Numerics.BitOperations.PopCount(w));
        bit = -1;
        if (total == 0)
        {
            return false;
        }
        var pick = random.Next(total);
        for (var w = 0; w < words.Length; w++)
        {
            for (var word = words[w]; word != 0; word &= word - 1)
            {
                if (pick-- == 0)
                {
                    bit = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    return true;
                }
            }
        }
        return false;
    }
}
