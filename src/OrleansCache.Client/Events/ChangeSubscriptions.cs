using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansCache.Client.Caching;
using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Client.Events;

/// <summary>
/// The client's subscriptions to change streams, one per metalake it caches. A metalake is
/// subscribed before the first grain read in it, so no event about a value the near cache holds
/// can slip between the read and the subscription.
/// </summary>
internal sealed partial class ChangeSubscriptions : IAsyncObserver<EntityChanged>
{
    private readonly IServiceProvider _services;
    private readonly NearCache _cache;
    private readonly ILogger<ChangeSubscriptions> _logger;
    private readonly ConcurrentDictionary<string, Task<StreamSubscriptionHandle<EntityChanged>>> _scopes = new(StringComparer.Ordinal);

    // The cluster client is resolved on first use: the client itself asks for the connection
    // observers (which need this class) while it is being constructed.
    public ChangeSubscriptions(IServiceProvider services, NearCache cache, ILogger<ChangeSubscriptions> logger)
    {
        _services = services;
        _cache = cache;
        _logger = logger;
    }

    /// <summary>Raised for every change event received, after the near cache applied it.</summary>
    public event EventHandler<EntityChanged>? ChangeReceived;

    /// <summary>The metalakes subscribed to.</summary>
    public IReadOnlyCollection<string> Scopes => [.. _scopes.Keys];

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

        return new ValueTask(EnsureSubscribedSlowAsync(metalake));
    }

    /// <summary>Subscribes a metalake by name.</summary>
    public Task EnsureSubscribedAsync(string metalake) => EnsureSubscribedSlowAsync(metalake);

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
                await EnsureSubscribedSlowAsync(metalake);
            }
            catch (Exception exception)
            {
                LogResubscribeProblem(_logger, exception, metalake);
            }

            try
            {
                if (previous.IsCompletedSuccessfully)
                {
                    await previous.Result.UnsubscribeAsync();
                }
            }
            catch (Exception exception)
            {
                // The old subscription may have gone with the old cluster; that is fine.
                LogResubscribeProblem(_logger, exception, metalake);
            }
        }
    }

    public Task OnNextAsync(EntityChanged item, StreamSequenceToken? token = null)
    {
        _cache.Apply(item);
        ChangeReceived?.Invoke(this, item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(_logger, ex);
        return Task.CompletedTask;
    }

    private async Task EnsureSubscribedSlowAsync(string metalake)
    {
        var subscription = _scopes.GetOrAdd(metalake, SubscribeAsync);
        try
        {
            await subscription;
        }
        catch
        {
            // Let the next caller try again rather than caching the failure.
            _scopes.TryRemove(new KeyValuePair<string, Task<StreamSubscriptionHandle<EntityChanged>>>(metalake, subscription));
            throw;
        }
    }

    private async Task<StreamSubscriptionHandle<EntityChanged>> SubscribeAsync(string metalake) =>
        await _services.GetRequiredService<IClusterClient>().GetStreamProvider(ChangeStreams.ProviderName)
            .GetStream<EntityChanged>(ChangeStreams.ForMetalake(metalake))
            .SubscribeAsync(this);

    [LoggerMessage(1, LogLevel.Warning, "Resubscribing to the change stream of metalake {Metalake} hit a problem.")]
    private static partial void LogResubscribeProblem(ILogger logger, Exception exception, string metalake);

    [LoggerMessage(2, LogLevel.Warning, "A change stream reported an error.")]
    private static partial void LogStreamError(ILogger logger, Exception exception);
}
