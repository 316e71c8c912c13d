namespace Gatehouse.Server.Tests.Schema;

/// <summary>
/// One thing a database's catalog says about its schema: what it is about (<paramref name="Subject"/>, e.g.
/// "column users.email") and how it is there (<paramref name="Shape"/>, e.g. "text NOT NULL"). Two schemas are the
/// same when they hold the same subjects with the same shapes.
/// </summary>
internal sealed record SchemaFact(string Subject, string Shape)
{
    /// <summary>The differences between two schemas, one readable line each, sorted by subject.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyCollection<SchemaFact> migrations, IReadOnlyCollection<SchemaFact> model)
    {
        var fromMigrations = Index(migrations, "migrations");
        var fromModel = Index(model, "EF model");
        var lines = new List<string>();
        foreach (var subject in fromMigrations.Keys.Union(fromModel.Keys).Order(StringComparer.Ordinal))
        {
            var inMigrations = fromMigrations.GetValueOrDefault(subject);
            var inModel = fromModel.GetValueOrDefault(subject);
            if (inMigrations == inModel)
            {
                continue;
            }
            lines.Add((inMigrations, inModel) switch
            {
                (null, _) => $"{subject}: only in the EF model ({inModel})",
                (_, null) => $"{subject}: only in the migrations ({inMigrations})",
                _ => $"{subject}: the migrations make it {inMigrations}; the EF model makes it {inModel}",
            });
        }
        return lines;
    }

    private static Dictionary<string, string> Index(IReadOnlyCollection<SchemaFact> facts, string side)
    {
        var duplicate = facts.GroupBy(f => f.Subject, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            // A reader that names two things alike would hide one of them from the comparison.
            throw new InvalidOperationException($"The {side} schema holds '{duplicate.Key}' twice: {string.Join(" / ", duplicate.Select(f => f.Shape))}.");
        }
        return facts.ToDictionary(f => f.Subject, f => f.Shape, StringComparer.Ordinal);
    }
}
