using System.Text.RegularExpressions;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The source reads the way docs/architecture.md says: namespaces follow folders, and no file grows past 300 lines.</summary>
public sealed partial class SourceLayoutTests
{
    private const int MaxLines = 300;

    [Fact]
    public void Every_namespace_in_src_follows_its_folder()
    {
        var source = Path.Combine(RepositoryRoot(), "src");
        var wrong = new List<string>();
        foreach (var project in Directory.GetDirectories(source))
        {
            var root = Path.GetFileName(project);
            foreach (var file in SourceFiles(project).Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(project, file))!;
                var expected = folder.Length == 0 ? root : root + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
                if (FileNamespace().Match(File.ReadAllText(file)) is { Success: true } declared && declared.Groups[1].Value != expected)
                {
                    wrong.Add($"{Path.GetRelativePath(source, file)}: namespace {declared.Groups[1].Value}, folder says {expected}");
                }
            }
        }
        Assert.True(wrong.Count == 0, "Namespaces that do not follow their folder:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void No_source_or_test_file_is_longer_than_300_lines()
    {
        var repository = RepositoryRoot();
        var longFiles = new[] { "src", "tests", "bench", "tools", "samples" }
            .SelectMany(top => SourceFiles(Path.Combine(repository, top)))
            // Generated code (*.g.cs, e.g. Gatehouse.Client's client from the OpenAPI document) is regenerated, not read and split.
            .Where(file => !file.EndsWith(".g.cs", StringComparison.Ordinal))
            .Select(file => (File: Path.GetRelativePath(repository, file), Lines: File.ReadLines(file).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        Assert.True(longFiles.Count == 0, $"Files over {MaxLines} lines (split them by what they do):\n" + string.Join('\n', longFiles));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "BenchmarkDotNet.Artifacts"));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

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
