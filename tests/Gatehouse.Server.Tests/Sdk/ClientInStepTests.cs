using Gatehouse.ClientGenerator;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Sdk;

/// <summary>The committed Gatehouse.Client is what the generator makes of the document the server serves now.</summary>
public sealed class ClientInStepTests(ServerPool servers)
{
    [Fact]
    public async Task The_committed_client_is_generated_from_the_served_document()
    {
        var app = await servers.GetAsync("sqlite");
        using var http = app.CreateClient();
        var document = await http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        var generated = await ClientCode.GenerateAsync(document);
        var committed = ClientCode.Normalize(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), ClientCode.RelativePath), TestContext.Current.CancellationToken));

        Assert.True(generated == committed,
            $"{ClientCode.RelativePath} is out of step with the API's OpenAPI document. Run scripts/generate-client.sh and commit the result.\n"
            + FirstDifference(committed, generated));
    }

    [Fact]
    public async Task A_change_to_the_document_changes_the_generated_client()
    {
        var app = await servers.GetAsync("sqlite");
        using var http = app.CreateClient();
        var document = await http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var renamed = document.Replace("\"operationId\": \"checkAccess\"", "\"operationId\": \"mayTheyDoIt\"", StringComparison.Ordinal);
        Assert.NotEqual(document, renamed);

        var generated = await ClientCode.GenerateAsync(renamed);

        Assert.Contains("MayTheyDoItAsync(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(" CheckAccessAsync(", generated, StringComparison.Ordinal);
    }

    private static string FirstDifference(string committed, string generated)
    {
        var (left, right) = (committed.Split('\n'), generated.Split('\n'));
        for (var line = 0; line < Math.Max(left.Length, right.Length); line++)
        {
            var (was, now) = (line < left.Length ? left[line] : "(end of file)", line < right.Length ? right[line] : "(end of file)");
            if (was != now)
            {
                return $"First difference at line {line + 1}:\n  committed: {was.Trim()}\n  generated: {now.Trim()}";
            }
        }
        return string.Empty;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gatehouse.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Gatehouse.slnx) is not above the test's folder.");
    }
}
