namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads a permission's <c>implies</c> list and checks the implications once the whole catalog is known.</summary>
internal static class ImpliesRules
{
    /// <summary>One "<paramref name="From"/> implies <paramref name="To"/>", with where it is written.</summary>
    public sealed record Edge(string From, string To, Location Where);

    /// <summary>The codenames listed under <c>implies</c> (unchecked yet: later categories may declare them).</summary>
    public static IReadOnlyList<string> Read(ModelReader reader, MappingFields entry, string code, List<Edge> edges)
    {
        if (entry.Optional("implies") is not { } node || reader.Sequence(node, entry.PathOf("implies"), "'implies'") is not { } list)
        {
            return [];
        }
        var implied = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var where = Location.Of(list.Children[i], Location.Item(entry.PathOf("implies"), i));
            if (reader.Text(list.Children[i], where.Path, "an implied permission") is { } to && !implied.Contains(to))
            {
                implied.Add(to);
                edges.Add(new Edge(code, to, where));
            }
        }
        return implied;
    }

    /// <summary>Every implied codename is in the catalog, and no permission leads back to itself.</summary>
    public static void Check(ModelReader reader, IReadOnlyList<Edge> edges, IReadOnlySet<string> declared)
    {
        foreach (var edge in edges.Where(e => !declared.Contains(e.To)))
        {
            var hint = KeySuggestion.Closest(edge.To, declared) is { } near ? $" (did you mean '{near}'?)" : "";
            reader.Report(edge.Where, ModelErrorCodes.UnknownPermission,
                $"'{edge.From}' implies unknown permission '{edge.To}'{hint}; add it to the catalog or remove it from 'implies'.");
        }
        var next = edges.Where(e => declared.Contains(e.To)).ToLookup(e => e.From, StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            if (!reported.Contains(edge.From) && PathBack(next, edge.To, edge.From) is { } path)
            {
                reported.UnionWith(path);
                reader.Report(edge.Where, ModelErrorCodes.ImplicationCycle,
                    $"'{edge.From}' implies '{edge.To}', which leads back to it ({string.Join(" → ", [edge.From, .. path])}); implications may not go round in a circle, so remove one of them.");
            }
        }
    }

    /// <summary>The codenames from <paramref name="start"/> to <paramref name="goal"/> along implications, or null.</summary>
    private static List<string>? PathBack(ILookup<string, Edge> next, string start, string goal)
    {
        var cameFrom = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var pending = new Queue<string>([start]);
        while (pending.TryDequeue(out var at))
        {
            if (at == goal)
            {
                var path = new List<string>();
                for (string? step = at; step is not null; step = cameFrom[step])
                {
                    path.Insert(0, step);
                }
                return path;
            }
            foreach (var edge in next[at].Where(e => cameFrom.TryAdd(e.To, at)))
            {
                pending.Enqueue(edge.To);
            }
        }
        return null;
    }
}
