using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OrleansCache.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (initdb + pg_ctl) on a free loopback port, in its own temporary
/// directory, with <c>wal_level=logical</c> so logical replication works. The server refuses to run
/// as root, so when the tests run as root it is run as the <c>postgres</c> user. It can be stopped
/// and started again on the same port and data (origin-down tests). Disposing it stops it and
/// removes the directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>The port it listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A connection string for the superuser and the <c>gravitino</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=gravitino;Pooling=true;Timeout=5;Command Timeout=30";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Initializes a cluster, starts it, and creates the empty database <c>gravitino</c>.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL 15 is not installed, or it did not start.</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 was not found in {BinDirectory}. The origin tests need a real server: run scripts/ensure-postgres.sh " +
                "(scripts/test.sh does) or 'apt-get install -y postgresql-15'.");
        }

        var directory = Directory.CreateTempSubdirectory("orleanscache-pg-").FullName;
        var server = new PostgresServer(directory, RedisServer.FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", directory]);
        }

        await PgAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        await server.StartServerAsync();
        await using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE gravitino", admin);
            await create.ExecuteNonQueryAsync();
        }

        return server;
    }

    /// <summary>Stops the server (fast shutdown: open connections are ended).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartServerAsync() => PgAsync("pg_ctl",
    [
        "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"),
        "-o", string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c wal_level=logical -c max_replication_slots=8 -c max_wal_senders=8 -c fsync=off -c full_page_writes=off -c max_connections=200"),
        "start",
    ]);

    /// <summary>Opens a connection to the <c>gravitino</c> database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Task PgAsync(string tool, string[] arguments)
    {
        var binary = Path.Combine(BinDirectory, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", binary, .. arguments])
            : RunAsync(binary, arguments);
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
