using System.Text.RegularExpressions;

namespace OrleansCache.Tests.Deployment;

/// <summary>What the README says about the repository's files holds: every file or folder it names exists.</summary>
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

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCache.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("OrleansCache.sln was not found above the tests.");
    }

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_.\-/]+)`")]
    private static partial Regex CodeSpan();
}
