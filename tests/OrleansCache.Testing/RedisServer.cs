using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace OrleansCache.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, in its own temporary directory, with AOF
/// persistence on as production runs it (the tests) or off (the benchmarks, which measure the cache,
/// not the disk). Disposing it stops the process and removes the directory.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private static readonly HashSet<int> HandedOut = [];
    private int _disposed;

    private RedisServer(Process process, string directory, int port, string? password)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Password = password;
    }

    /// <summary>The port it listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The redis-server process id (to pause it with SIGSTOP, as a stuck server).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The password it requires (<c>requirepass</c>), or null when it requires none.</summary>
    public string? Password { get; }

    /// <summary>A StackExchange.Redis connection string for it (without the password).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>
    /// Starts a server and waits until it answers PING; with <paramref name="password"/>, it requires
    /// that password; <paramref name="appendOnly"/> false turns persistence off.
    /// </summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed, or it did not start.</exception>
    public static async Task<RedisServer> StartAsync(string? password = null, bool appendOnly = true)
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(
            "redis-server was not found on PATH (or /usr/bin). The Redis tests need a real server: " +
            "install it with 'apt-get update && apt-get install -y redis-server' (the project's .ci/run and scripts/test.sh do this).");
        var directory = Directory.CreateTempSubdirectory("orleanscache-redis-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", directory,
                "--appendonly", appendOnly ? "yes" : "no",
                "--save", string.Empty,
                "--daemonize", "no",
                "--protected-mode", "yes",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, directory, port, password);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Opens a connection for assertions on what is stored.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(WithPassword(ConnectionString));

    private string WithPassword(string connectionString) => Password is null ? connectionString : $"{connectionString},password={Password}";

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(WithPassword($"127.0.0.1:{Port},connectTimeout=1000"));
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string? FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// A TCP port that was free on loopback a moment ago and that this process has not handed out
    /// before: the kernel may offer the same free port to two calls in a row, and a silo given the
    /// same port for two listeners refuses to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Stops the server (it may be stopped early, to take Redis away from a test) and removes its directory; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
