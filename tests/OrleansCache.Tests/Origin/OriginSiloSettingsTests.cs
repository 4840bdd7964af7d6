using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Origin;

/// <summary>The silo program refuses a bad <c>OrleansCache:Origin</c> section before it starts.</summary>
[Collection(SiloProcessCollection.Name)]
[Trait("Category", "Process")]
public sealed class OriginSiloSettingsTests
{
    [Fact]
    public async Task A_silo_with_a_bad_origin_section_exits_2_naming_each_setting()
    {
        await using var silo = SiloProcess.Start("--OrleansCache:Origin:Provider=Postgres");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Origin:Provider is 'Postgres'; accepted: GravitinoPostgres", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:ConnectionString is required", silo.Output, StringComparison.Ordinal);
    }
}
