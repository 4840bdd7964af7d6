using System.Text.RegularExpressions;

namespace OrleansCache.Tests.Deployment;

/// <summary>
/// What the README says about the repository's files holds: every file or folder it names exists,
/// and every README section a message of the code points to is there.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class ReadmeClaimsTests
{
    private static readonly string[] TopLevels = ["src/", "silo/", "tests/", "docs/", "scripts/", "samples/", "deploy/", "client-sample/", "bench/", ".ci/"];

    [Fact]
    public void Every_repository_path_the_readme_names_exists()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        var named = CodeSpan().Matches(readme)
            .Select(match => match.Groups["path"].Value.TrimEnd('/', '.', ','))
            .Where(path => TopLevels.Any(top => path.StartsWith(top, StringComparison.Ordinal)) && !path.Contains('*', StringComparison.Ordinal) && !path.Contains('<', StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(root, path)) || Directory.Exists(Path.Combine(root, path)), $"the README names {path}, which does not exist"));
    }

    [Fact]
    public void Every_readme_section_a_message_points_to_exists()
    {
        var root = RepositoryRoot();
        var headings = File.ReadAllLines(Path.Combine(root, "README.md"))
            .Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim())
            .ToHashSet(StringComparer.Ordinal);

        var pointers = new[] { "src", "silo", "client-sample" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => SectionPointer().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetRelativePath(root, file), Section: match.Groups["section"].Value)))
            .ToList();

        Assert.NotEmpty(pointers);
        Assert.All(pointers, pointer => Assert.True(headings.Contains(pointer.Section), $"{pointer.File} points to README section '{pointer.Section}', which does not exist"));
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCache.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("OrleansCache.sln was not found above the tests.");
    }

    [GeneratedRegex(@"README, '(?<section>[^']+)'")]
    private static partial Regex SectionPointer();

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_.\-/]+)`")]
    private static partial Regex CodeSpan();
}
