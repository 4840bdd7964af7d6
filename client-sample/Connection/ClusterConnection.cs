using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;

namespace OrleansCache.ClientSample.Connection;

/// <summary>
/// One connected OrleansCache client: its own host, Orleans client and near cache. Two of these in
/// one process are as independent as two services (the demo relies on that).
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IOrleansCacheClient>();
    }

    /// <summary>The catalog client.</summary>
    public IOrleansCacheClient Client { get; }

    /// <summary>When the connection to the cluster goes and comes back.</summary>
    public ConnectionStatus Status => _host.Services.GetRequiredService<ConnectionStatus>();

    /// <summary>The host's services (for example the client's <c>NearCacheMetrics</c>).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds a host with an Orleans client and OrleansCache on it, and starts it.</summary>
    /// <exception cref="ClusterUnreachableException">No gateway answered within the target's connect timeout.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        // No command-line args: the sample's own options are not configuration keys. Environment
        // variables still apply (for example OrleansCache__Client__TimeToLive).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!target.Verbose)
        {
            // Orleans logs each failed connection attempt with a stack trace; the sample says it once, plainly.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans", LogLevel.Critical);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        }

        var deadline = DateTime.UtcNow + target.ConnectTimeout;
        builder.UseOrleansClient(client =>
        {
            if (target.RedisConnectionString is { } redis)
            {
                client.UseRedisClustering(redis);
                client.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = target.ClusterId;
                    cluster.ServiceId = target.ServiceId;
                });
            }
            else
            {
                client.UseLocalhostClustering(target.GatewayPort, target.ServiceId, target.ClusterId);
            }

            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow + RetryDelay >= deadline)
                {
                    return false;
                }

                await Task.Delay(RetryDelay, token);
                return true;
            });
            client.UseOrleansCache();
            client.Services.AddSingleton<ConnectionStatus>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(services => services.GetRequiredService<ConnectionStatus>());
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OptionsValidationException)
        {
            await StopQuietlyAsync(host);
            throw new ClusterUnreachableException(target.UnreachableMessage(), exception);
        }
        catch
        {
            await StopQuietlyAsync(host);
            throw;
        }

        return new ClusterConnection(host);
    }

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => new(StopQuietlyAsync(_host));

    private static async Task StopQuietlyAsync(IHost host)
    {
        using var stop = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(stop.Token);
        }
        catch (Exception)
        {
            // Closing a client that never fully connected may fail in many ways; none matters at exit.
        }

        host.Dispose();
    }
}
