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
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // The last confirmation was at most one interval ago; giving the log another
                // interval to answer keeps every entry within the staleness bound.
                await _subscriptions.ReconcileAllAsync(_options.ReconcileInterval);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
