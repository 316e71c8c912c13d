namespace Gatehouse.Core.Model.Loading;

/// <summary>Finds the known word a typo most likely meant, so an error can say "did you mean".</summary>
internal static class KeySuggestion
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var folded = Fold(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            // Case, '_' and '-' differences (grantable_at, GrantableAt) count as no distance at all.
            var distance = Fold(candidate) == folded ? 0 : Distance(typed, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return bestDistance <= Math.Max(2, typed.Length / 4) ? best : null;
    }

    private static string Fold(string text) => text.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>Levenshtein distance over two rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
