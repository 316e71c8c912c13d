namespace Gatehouse.Benchmarks;

/// <summary>How big a synthetic deployment is; the defaults are the dataset docs/benchmarks.md describes.</summary>
/// <param name="Organizations">Number of organizations.</param>
/// <param name="Members">Members across all organizations (exact).</param>
/// <param name="Grants">Grants across all organizations (exact).</param>
/// <param name="Seed">Seed of the generator; the same seed gives the same deployment.</param>
/// <param name="EvenOrganizations">Every organization gets the same number of members instead of a long tail.</param>
public sealed record DeploymentShape(int Organizations = 10_000, int Members = 100_000, int Grants = 1_000_000, int Seed = 20_261_101, bool EvenOrganizations = false)
{
    /// <summary>1,000 organizations of 100 members each, 1.05 million grants: the shape issue 13 measured.</summary>
    public static DeploymentShape Even { get; } = new(1_000, 100_000, 1_050_000, EvenOrganizations: true);

    /// <summary>A short name for reports.</summary>
    public string Name => $"{Organizations:N0} organizations x {(EvenOrganizations ? $"{Members / Organizations:N0}" : "long-tail")} members, {Grants:N0} grants";

    /// <summary>
    /// Members per organization: a long tail, as in B2B products (most customers are small, a few are large):
    /// 1 + a Pareto draw (shape 1.5, so the mean is three times the minimum), capped at 2,000, nudged so the total is exact.
    /// </summary>
    public int[] MemberCounts(Random random)
    {
        if (EvenOrganizations)
        {
            return [.. Enumerable.Repeat(Members / Organizations, Organizations)];
        }
        var minimum = (Members / (double)Organizations - 1) / 3;
        return Spread(random, Organizations, Members, () => 1 + (int)Math.Min(2_000, minimum / Math.Pow(1 - random.NextDouble(), 1 / 1.5)), 1, 2_000);
    }

    /// <summary>Grants per member: uniform around the mean, then nudged so the total is exact.</summary>
    public int[] GrantCounts(Random random)
    {
        var mean = Grants / Members;
        return Spread(random, Members, Grants, () => random.Next(1, 2 * mean), 1, 4 * mean);
    }

    private static int[] Spread(Random random, int count, int total, Func<int> draw, int min, int max)
    {
        var values = new int[count];
        var sum = 0L;
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Clamp(draw(), min, max);
            sum += values[i];
        }
        for (var step = Math.Sign(total - sum); sum != total;)
        {
            var i = random.Next(count);
            if (values[i] + step >= min && values[i] + step <= max)
            {
                values[i] += step;
                sum += step;
            }
        }
        return values;
    }
}
