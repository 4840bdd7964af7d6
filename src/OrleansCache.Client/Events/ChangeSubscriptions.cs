using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.Client.Events;

/// <summary>
/// The client's metalake scopes: one subscription to a metalake's change stream and one position
/// in its change log each. A metalake is subscribed (and positioned) before the first grain read
/// in it, so no event about a value the near cache holds can slip between the read and the
/// subscription.
/// </summary>
internal sealed partial class ChangeSubscriptions
{
    private readonly IServiceProvider _services;
    private readonly NearCache _cache;
    private readonly NearCacheMetrics _metrics;
    private readonly ILogger<ChangeSubscriptions> _logger;
    private readonly ConcurrentDictionary<string, Task<MetalakeScope>> _scopes = new(StringComparer.Ordinal);

    // The cluster client is resolved on first use: the client itself asks for the connection
    // observers (which need this class) while it is being constructed.
    public ChangeSubscriptions(IServiceProvider services, NearCache cache, NearCacheMetrics metrics, ILogger<ChangeSubscriptions> logger)
    {
        _services = services;
        _cache = cache;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Raised for every change event applied (received, or recovered from a log).</summary>
    public event EventHandler<EntityChanged>? ChangeReceived;

    /// <summary>The metalakes subscribed to.</summary>
    public IReadOnlyCollection<string> Scopes => [.. _scopes.Keys];

    private IClusterClient Client => _services.GetRequiredService<IClusterClient>();

    /// <summary>Completes once the metalake of <paramref name="key"/> is subscribed; synchronous when it already is.</summary>
    public ValueTask EnsureSubscribedAsync(EntityKey key)
    {
        if (key.Kind == EntityKind.Root)
        {
            return ValueTask.CompletedTask;
        }

        var metalake = key.Identifier.Levels[0];
        if (_scopes.TryGetValue(metalake, out var subscribed) && subscribed.IsCompletedSuccessfully)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(EnsureSubscribedAsync(metalake));
    }

    /// <summary>Subscribes a metalake by name.</summary>
    public async Task EnsureSubscribedAsync(string metalake)
    {
        // GetOrAdd may run a value factory more than once when callers race, and every run would
        // subscribe a scope of its own: each event then arrives (and is applied) once per extra
        // subscription. Only the caller whose task is stored subscribes.
        var created = new TaskCompletionSource<MetalakeScope>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = _scopes.GetOrAdd(metalake, created.Task);
        if (subscription == created.Task)
        {
            try
            {
                created.SetResult(await SubscribeAsync(metalake));
            }
            catch (Exception exception)
            {
                created.SetException(exception);
            }
        }

        try
        {
            await subscription;
        }
        catch
        {
            // Let the next caller try again rather than caching the failure.
            _scopes.TryRemove(new KeyValuePair<string, Task<MetalakeScope>>(metalake, subscription));
            throw;
        }
    }

    /// <summary>
    /// Starts comparing every scope with its change log and repairing what was missed, one
    /// reconciliation per scope at a time; a scope whose log does not answer within
    /// <paramref name="timeout"/> is dropped. First, a scope not confirmed for longer than
    /// <paramref name="vouchLimit"/> (its reconciliation hangs, or keeps failing) drops what it
    /// holds. The returned task completes when the reconciliations started now have ended; callers
    /// on a timer need not wait for it.
    /// </summary>
    public Task ReconcileAllAsync(TimeSpan timeout, TimeSpan vouchLimit)
    {
        if (_services.GetService<IChangeFeedFaults>()?.SkipReconciliation == true)
        {
            return Task.CompletedTask;
        }

        // All at once: one slow or unreachable log must not hold up the others past their bound.
        var started = new List<Task>();
        foreach (var subscribed in _scopes.Values)
        {
            if (!subscribed.IsCompletedSuccessfully)
            {
                continue;
            }

            var scope = subscribed.Result;
            if (scope.LapseIfUnconfirmedFor(vouchLimit))
            {
                LogLapsed(_logger, scope.Metalake, scope.SinceConfirmed.TotalMilliseconds);
            }

            if (scope.TryBeginReconcile())
            {
                started.Add(ReconcileAsync(scope, timeout));
            }
        }

        return Task.WhenAll(started);
    }

    private async Task ReconcileAsync(MetalakeScope scope, TimeSpan timeout)
    {
        try
        {
            // A fifth of the interval for events in flight: a lost event is still repaired well
            // within the staleness bound (interval + grace + one log read).
            await scope.ReconcileAsync(timeout, timeout / 5);
        }
        catch (Exception exception)
        {
            LogReconcileProblem(_logger, exception, scope.Metalake);
        }
        finally
        {
            scope.EndReconcile();
        }
    }

    /// <summary>
    /// Subscribes every known metalake anew, after the connection to the cluster was lost and
    /// recovered: the cluster may have restarted and forgotten the old subscriptions. A metalake
    /// whose subscription fails now is forgotten, so the next read in it subscribes on demand (and
    /// no read fills the near cache without a live subscription).
    /// </summary>
    public async Task ResubscribeAllAsync()
    {
        foreach (var metalake in _scopes.Keys)
        {
            if (!_scopes.TryRemove(metalake, out var previous))
            {
                continue;
            }

            try
            {
                await EnsureSubscribedAsync(metalake);
            }
            catch (Exception exception)
            {
                LogResubscribeProblem(_logger, exception, metalake);
            }

            // The new scope starts at the log's head and counts as confirmed; what was filled
            // through the old one may have missed events in between, so it goes now rather than
            // when every metalake has been resubscribed.
            _cache.Distrust(EntityKey.Metalake(metalake));

            try
            {
                if (previous.IsCompletedSuccessfully && previous.Result.Handle is { } handle)
                {
                    await handle.UnsubscribeAsync();
                }
            }
            catch (Exception exception)
            {
                // The old subscription may have gone with the old cluster; that is fine.
                LogResubscribeProblem(_logger, exception, metalake);
            }
        }
    }

    private async Task<MetalakeScope> SubscribeAsync(string metalake)
    {
        var client = Client;
        var scope = new MetalakeScope(
            metalake,
            _cache,
            client.GetGrain<IChangeLogGrain>(metalake),
            _metrics,
            _services.GetService<IChangeFeedFaults>(),
            changed => ChangeReceived?.Invoke(this, changed),
            _logger);
        var stream = client.GetStreamProvider(ChangeStreams.ProviderName).GetStream<EntityChanged>(ChangeStreams.ForMetalake(metalake));
        await scope.StartAsync(stream);
        return scope;
    }

    [LoggerMessage(1, LogLevel.Warning, "Resubscribing to the change stream of metalake {Metalake} hit a problem.")]
    private static partial void LogResubscribeProblem(ILogger logger, Exception exception, string metalake);

    [LoggerMessage(2, LogLevel.Warning, "Reconciling metalake {Metalake} with its change log failed; it is tried again at the next interval.")]
    private static partial void LogReconcileProblem(ILogger logger, Exception exception, string metalake);

    [LoggerMessage(3, LogLevel.Warning, "Metalake {Metalake} was last confirmed with its change log {Milliseconds:F0} ms ago; dropped what this client held of it until it is confirmed again.")]
    private static partial void LogLapsed(ILogger logger, string metalake, double milliseconds);
}
