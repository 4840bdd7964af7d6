using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansCache.Client.Providers;

namespace OrleansCache.Client.Events;

/// <summary>
/// Reconciles every subscribed metalake with its change log at a quarter of the staleness bound, so an
/// event lost in transit is repaired within the bound even when no later event reveals the gap,
/// and a client cut off from the cluster stops serving what it can no longer vouch for.
/// </summary>
internal sealed class Reconciler : BackgroundService
{
    private readonly ChangeSubscriptions _subscriptions;
    private readonly NearCacheOptions _options;

    public Reconciler(ChangeSubscriptions subscriptions, IOptions<NearCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _subscriptions = subscriptions;
        _options = options.Value;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ReconcileInterval);
        try
        {
            // A scope confirmed no longer ago than the bound less one interval is still within the
            // bound at the next tick; an older one drops what it holds. Each log gets one interval
            // to answer. Not awaited: a reconciliation that hangs must not hold up the ticks that
            // would notice it.
            var vouchLimit = _options.StalenessBound - _options.ReconcileInterval;
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _ = _subscriptions.ReconcileAllAsync(_options.ReconcileInterval, vouchLimit);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
