using System.Collections.Frozen;

namespace Gatehouse.Core.Model;

/// <summary>Follows <see cref="Permission.Implies"/> through, so "edit implies view" and "delete implies edit" give delete → view.</summary>
internal static class Implications
{
    /// <summary>Per bit position, every other position it implies; unknown codenames are skipped (the loader reports them).</summary>
    public static int[][] Close(Permission[] permissions, FrozenDictionary<string, int> indexByCode)
    {
        var closure = new int[permissions.Length][];
        for (var i = 0; i < permissions.Length; i++)
        {
            if (permissions[i].Implies.Count == 0)
            {
                closure[i] = [];
                continue;
            }
            // A walk with a visited set: the loader refuses cycles, but a catalog built in code ends here too.
            var seen = new HashSet<int> { i };
            var pending = new Stack<int>([i]);
            while (pending.TryPop(out var at))
            {
                foreach (var code in permissions[at].Implies)
                {
                    if (indexByCode.TryGetValue(code, out var next) && seen.Add(next))
                    {
                        pending.Push(next);
                    }
                }
            }
            seen.Remove(i);
            closure[i] = [.. seen.Order()];
        }
        return closure;
    }
}
