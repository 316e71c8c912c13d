using System.Text;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// The table of <see cref="BadInputTests"/>: malformed and hostile input to every endpoint of the API, by name. Spoiled
/// bodies (BadInputCases.Bodies.cs), ids, pages and query strings (BadInputCases.Queries.cs) and cases of one
/// endpoint each (BadInputCases.Specific.cs). The table must name every route of the API.
/// </summary>
public static partial class BadInputCases
{
    /// <summary>Who sends a case.</summary>
    public enum Who
    {
        Operator,
        Anonymous,
        HostileKey,
    }

    /// <summary>
    /// One case: a request to a route (written as the route pattern, with {placeholders} filled from the test world
    /// unless <see cref="Ids"/> overrides them) and the answer expected: any 4xx (Status 0) or that status, and optionally a code.
    /// </summary>
    public sealed record Case(string Name, string Method, string Route, string? Body = null, string? Query = null, string ContentType = "application/json",
        int Status = 0, string? Code = null, Who Caller = Who.Operator, IReadOnlyDictionary<string, string>? Ids = null);

    private const string Script = "<script>alert(1)</script>";
    internal const string SqlOr = "' OR 1=1 --";
    private const string SqlDrop = "'; DROP TABLE users; --";
    private static readonly string Huge = new('x', 100_000);
    private static readonly string HugeEmail = new string('a', 100_000) + "@example.com";
    private const string NotAGuid = "not-a-guid";
    private const string UnknownGuid = "0194f1a6-0000-7000-8000-000000000000";

    internal const string Org = "/api/v1/organizations/{organizationId}";

    // Built on first use: static fields in the other parts of this partial class are initialized in no set order
    // relative to this file's, and the table reads them.
    private static readonly Lazy<IReadOnlyDictionary<string, Case>> ByName = new(() => BuildCases().ToDictionary(c => c.Name));

    /// <summary>Every case of the table by name.</summary>
    public static IReadOnlyDictionary<string, Case> Cases => ByName.Value;

    /// <summary>Every case on both stores.</summary>
    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var store in new[] { "sqlite", "postgres" })
        {
            foreach (var name in Cases.Keys)
            {
                data.Add(store, name);
            }
        }
        return data;
    }

    private static IEnumerable<Case> BuildCases()
    {
        foreach (var route in BodyRoutes)
        {
            foreach (var c in SpoiledBodies(route))
            {
                yield return c;
            }
        }
        foreach (var c in IdCases().Concat(PageCases()).Concat(QueryCases()).Concat(SpecificCases()))
        {
            yield return c;
        }
    }

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
