using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster on loopback: masters with one replica each, every node a redis-server with
/// AOF in its own temporary directory, joined with <c>redis-cli --cluster create</c>. A node can be
/// killed (SIGKILL) to make its replica take over. Disposing it stops every node.
/// </summary>
public sealed class RedisClusterServer : IAsyncDisposable
{
    private readonly Dictionary<int, Process> _nodes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("orleanscache-redis-cluster-").FullName;

    private RedisClusterServer()
    {
    }

    /// <summary>A StackExchange.Redis connection string naming every node.</summary>
    public string ConnectionString => string.Join(',', _nodes.Keys.Select(port => $"127.0.0.1:{port}")) + ",abortConnect=false";

    /// <summary>Starts <paramref name="masters"/> masters with one replica each and waits until the cluster is ok and every replica is in sync.</summary>
    public static async Task<RedisClusterServer> StartAsync(int masters = 3)
    {
        var cluster = new RedisClusterServer();
        try
        {
            for (var i = 0; i < masters * 2; i++)
            {
                cluster.StartNode(RedisServer.FreePort());
            }

            await cluster.WaitForPingsAsync();
            using var create = Process.Start(new ProcessStartInfo("redis-cli")
            {
                ArgumentList = { "--cluster", "create" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }.WithArguments([.. cluster._nodes.Keys.Select(port => $"127.0.0.1:{port}"), "--cluster-replicas", "1", "--cluster-yes"]))!;
            var output = await create.StandardOutput.ReadToEndAsync();
            await create.WaitForExitAsync();
            if (create.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {output}");
            }

            await Eventually.True(() => cluster.IsHealthyAsync(masters), "the Redis Cluster is ok with every replica in sync", TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The ports of the nodes that are masters now (as the live nodes see it).</summary>
    public async Task<IReadOnlyList<int>> MasterPortsAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        return [.. connection.GetServers().Where(s => s.IsConnected && !s.IsReplica).Select(s => ((System.Net.IPEndPoint)s.EndPoint).Port)];
    }

    /// <summary>How many keys each master holds.</summary>
    public async Task<IReadOnlyDictionary<int, long>> KeysPerMasterAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        var counts = new Dictionary<int, long>();
        foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            counts[((System.Net.IPEndPoint)server.EndPoint).Port] = await server.DatabaseSizeAsync();
        }

        return counts;
    }

    /// <summary>Kills a node with SIGKILL: no shutdown, no last AOF flush.</summary>
    public async Task KillAsync(int port)
    {
        var process = _nodes[port];
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _nodes.Values)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private void StartNode(int port)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture))).FullName;
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }.WithArguments(
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
            "--appendonly", "yes", "--save", string.Empty, "--daemonize", "no", "--protected-mode", "yes",

            // A replica syncs at once instead of waiting 5 s for others to join the transfer.
            "--repl-diskless-sync-delay", "0",
        ]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes[port] = process;
    }

    private async Task WaitForPingsAsync()
    {
        foreach (var port in _nodes.Keys)
        {
            await Eventually.True(
                async () =>
                {
                    try
                    {
                        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000");
                        return connection.IsConnected;
                    }
                    catch (RedisConnectionException)
                    {
                        return false;
                    }
                },
                $"redis-server on port {port} answers",
                TimeSpan.FromSeconds(30));
        }
    }

    private async Task<bool> IsHealthyAsync(int masters)
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
            var servers = connection.GetServers().Where(s => s.IsConnected).ToList();
            foreach (var server in servers)
            {
                var info = (string?)await server.ExecuteAsync("CLUSTER", "INFO") ?? string.Empty;
                if (!info.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            var primaries = servers.Where(s => !s.IsReplica).ToList();
            foreach (var primary in primaries)
            {
                var replication = (string?)await primary.ExecuteAsync("INFO", "replication") ?? string.Empty;
                if (!replication.Contains("connected_slaves:1", StringComparison.Ordinal) || !replication.Contains("state=online", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return primaries.Count == masters;
        }
        catch (RedisException)
        {
            return false;
        }
    }
}

internal static class ProcessStartInfoArguments
{
    public static ProcessStartInfo WithArguments(this ProcessStartInfo start, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
