namespace Gatehouse.Core.Tests.Support.Properties;

/// <summary>
/// Reads choices from an array FsCheck generates and shrinks: a shorter or smaller array means a smaller
/// world and fewer operations. Past the end of the array choices continue from a generator seeded by it,
/// so every array still describes exactly one scenario.
/// </summary>
internal sealed class Genes(int[] values)
{
    private readonly Random _tail = new(values.Aggregate(17, (hash, v) => unchecked((hash * 31) + v)));
    private int _next;

    /// <summary>A choice in [0, bound).</summary>
    public int Next(int bound)
    {
        if (bound <= 1)
        {
            return 0;
        }
        var value = _next < values.Length ? values[_next++] : _tail.Next();
        return Math.Abs(value % bound);
    }

    public bool OneIn(int n) => Next(n) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
