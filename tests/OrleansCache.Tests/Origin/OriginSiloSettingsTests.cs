using OrleansCache.Tests.Infrastructure;
using OrleansCache.Tests.Silo;

namespace OrleansCache.Tests.Origin;

/// <summary>The silo program refuses a bad <c>OrleansCache:Origin</c> section, or an origin set-up that would break Gravitino, before it serves.</summary>
[Collection(SiloProcessCollection.Name)]
[Trait("Category", "Process")]
public sealed class OriginSiloSettingsTests
{
    [Fact]
    public async Task A_silo_with_a_bad_origin_section_exits_2_naming_each_setting()
    {
        await using var silo = SiloProcess.Start("--OrleansCache:Origin:Provider=Postgres", "--OrleansCache:Origin:ChangeCapture=Logs");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("OrleansCache:Origin:Provider is 'Postgres'; accepted: GravitinoPostgres", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:ConnectionString is required", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:ChangeCapture is 'Logs'; accepted: Replication, Polling", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_silo_on_a_publication_that_would_break_gravitinos_table_writes_exits_2_saying_why()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await OriginFixture.CreateSchemaAsync(postgres);
        await using (var connection = await postgres.OpenAsync())
        {
            await GravitinoWriter.ExecAsync(connection, null, "CREATE PUBLICATION unsafe_pub FOR TABLE metalake_meta, table_version_info");
        }

        await using var silo = SiloProcess.Start(
            "--OrleansCache:Origin:Provider=GravitinoPostgres",
            $"--OrleansCache:Origin:ConnectionString={postgres.ConnectionString}",
            "--OrleansCache:Origin:Publication=unsafe_pub",
            "--OrleansCache:Origin:CreatePublication=false");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("the origin's set-up is refused; the silo was not started", silo.Output, StringComparison.Ordinal);
        Assert.Contains("table_version_info", silo.Output, StringComparison.Ordinal);
        Assert.Contains("SQLSTATE 55000", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache silo ready", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_silo_whose_origin_refuses_its_database_exits_2_naming_the_connection_string()
    {
        await using var postgres = await PostgresServer.StartAsync();

        await using var silo = SiloProcess.Start(
            "--OrleansCache:Origin:Provider=GravitinoPostgres",
            $"--OrleansCache:Origin:ConnectionString={postgres.ConnectionString.Replace("Database=gravitino", "Database=no_such_database", StringComparison.Ordinal)}");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("SQLSTATE 3D000", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:ConnectionString", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache silo ready", silo.Output, StringComparison.Ordinal);
    }
}
