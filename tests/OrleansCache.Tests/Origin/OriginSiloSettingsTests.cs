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
        Assert.Contains("the origin check failed; the silo was not started", silo.Output, StringComparison.Ordinal);
        Assert.Contains("table_version_info", silo.Output, StringComparison.Ordinal);
        Assert.Contains("SQLSTATE 55000", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache silo ready", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_silo_on_a_store_without_a_column_the_origin_reads_exits_2_naming_it_and_the_schema()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await OriginFixture.CreateSchemaAsync(postgres);
        await using (var connection = await postgres.OpenAsync())
        {
            // As a store of an older Gravitino without the column would be.
            await GravitinoWriter.ExecAsync(connection, null, "ALTER TABLE fileset_version_info DROP COLUMN storage_location");
        }

        await using var silo = SiloProcess.Start(
            "--OrleansCache:Origin:Provider=GravitinoPostgres",
            $"--OrleansCache:Origin:ConnectionString={postgres.ConnectionString}");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("storage_location", silo.Output, StringComparison.Ordinal);
        Assert.Contains("SQLSTATE 42703", silo.Output, StringComparison.Ordinal);
        Assert.Contains("schema-2.0.0-postgresql.sql", silo.Output, StringComparison.Ordinal);
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

    [Fact]
    public async Task A_silo_whose_origin_does_not_answer_exits_2_within_its_startup_timeout_naming_the_connection_string()
    {
        var closedPort = RedisServer.FreePort();
        var started = System.Diagnostics.Stopwatch.StartNew();

        await using var silo = SiloProcess.Start(
            "--OrleansCache:Origin:Provider=GravitinoPostgres",
            $"--OrleansCache:Origin:ConnectionString=Host=127.0.0.1;Port={closedPort};Database=gravitino;Username=orleanscache",
            "--OrleansCache:Origin:StartupTimeout=00:00:02");

        await silo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains($"PostgreSQL at Gravitino PostgreSQL 127.0.0.1:{closedPort}/gravitino did not answer within 00:00:02", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:ConnectionString", silo.Output, StringComparison.Ordinal);
        Assert.Contains("OrleansCache:Origin:StartWhileUnreachable=true", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrleansCache silo ready", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal); // one message, no stack trace
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"exit took {started.Elapsed}: the 2 s start-up timeout and the process start, not Npgsql's 15 s connect timeout");
    }

    [Fact]
    public async Task A_silo_told_to_start_while_its_origin_does_not_answer_starts_and_says_so()
    {
        var closedPort = RedisServer.FreePort();

        await using var silo = SiloProcess.Start(
        [
            "--OrleansCache:Origin:Provider=GravitinoPostgres",
            $"--OrleansCache:Origin:ConnectionString=Host=127.0.0.1;Port={closedPort};Database=gravitino;Username=orleanscache",
            "--OrleansCache:Origin:StartupTimeout=00:00:01",
            "--OrleansCache:Origin:StartWhileUnreachable=true",
            "--OrleansCache:Telemetry:Prometheus=true",
        ]);

        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        Assert.Contains("did not answer within 00:00:01", silo.Output, StringComparison.Ordinal);
        Assert.Contains("starting anyway (StartWhileUnreachable)", silo.Output, StringComparison.Ordinal);

        // The feed retries through the outage; its log says so once, not once per retry.
        using var http = new HttpClient();
        await Eventually.True(
            async () => FeedFailures(await http.GetStringAsync(silo.Http("/metrics"))) >= 5,
            "the change feed has failed and been retried five times",
            TimeSpan.FromSeconds(60));
        Assert.Equal(1, Occurrences(silo.Output, "started on this silo"));
        Assert.Equal(1, Occurrences(silo.Output, "failed; it resumes from its durable position"));
        Assert.DoesNotContain("Polly", silo.Output, StringComparison.Ordinal);
        Assert.False(silo.Process.HasExited);
    }

    private static double FeedFailures(string metrics) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith("orleanscache_silo_origin_feed_failures", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
