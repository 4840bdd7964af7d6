using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;

namespace OrleansCache.Client.Events;

/// <summary>
/// Watches the connection to the cluster. While disconnected, change events are lost, so the near
/// cache is flushed when the connection goes and again when it comes back (after resubscribing):
/// the blunt, safe answer, as Redis client-side caching does.
/// </summary>
internal sealed partial class ConnectionWatcher : IClusterConnectionStatusObserver
{
    private readonly NearCache _cache;
    private readonly ChangeSubscriptions _subscriptions;
    private readonly NearCacheMetrics _metrics;
    private readonly ILogger<ConnectionWatcher> _logger;
    private readonly CancellationToken _stopping;
    private int _recoveries;
    private int _losses;

    public ConnectionWatcher(NearCache cache, ChangeSubscriptions subscriptions, NearCacheMetrics metrics, ILogger<ConnectionWatcher> logger, IHostApplicationLifetime? lifetime = null)
    {
        _cache = cache;
        _subscriptions = subscriptions;
        _metrics = metrics;
        _logger = logger;
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    /// <summary>How many times the connection recovered and the subscriptions were renewed.</summary>
    public int Recoveries => Volatile.Read(ref _recoveries);

    /// <summary>How many times the connection to the cluster was lost.</summary>
    public int Losses => Volatile.Read(ref _losses);

    /// <summary>Completes when the latest resubscription finished.</summary>
    public Task LastResubscription { get; private set; } = Task.CompletedTask;

    public void NotifyClusterConnectionLost()
    {
        var dropped = _cache.Distrust(scope: null);
        _metrics.DroppedOnReconnect(dropped);
        Interlocked.Increment(ref _losses);
        if (_stopping.IsCancellationRequested)
        {
            // The host is stopping the client: the connection goes because it was asked to.
            LogClosed(_logger, dropped);
            return;
        }

        LogLost(_logger, dropped);
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        // Orleans reports the first connection as a recovery too; only a connection that was lost
        // can have missed events.
        if (!connectionRecovered || Losses == 0)
        {
            return;
        }

        LastResubscription = RecoverAsync();
    }

    private async Task RecoverAsync()
    {
        try
        {
            await _subscriptions.ResubscribeAllAsync();
        }
        finally
        {
            // Whatever was filled between the loss and the new subscriptions may have missed events.
            var dropped = _cache.Distrust(scope: null);
            _metrics.DroppedOnReconnect(dropped);
            Interlocked.Increment(ref _recoveries);
            LogRecovered(_logger, dropped, _subscriptions.Scopes.Count);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Lost the connection to the cluster; dropped {Count} near-cache entries.")]
    private static partial void LogLost(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Debug, "Closed the connection to the cluster as the host stops; dropped {Count} near-cache entries.")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "Connection to the cluster recovered; resubscribed {Scopes} metalake(s) and dropped {Count} near-cache entries.")]
    private static partial void LogRecovered(ILogger logger, int count, int scopes);
}
