using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;
using OrleansCache.Grains;

namespace OrleansCache.Silo;

/// <summary>
/// Ready means: the host has started, this silo is an active member of the cluster, it is not
/// stopping, and its grain storage answers a read. Kubernetes sends traffic to the gateway only
/// then, and stops as soon as a SIGTERM starts the hand-over.
/// </summary>
internal sealed class SiloReadinessCheck(
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId ProbeGrain = GrainId.Create("orleanscache-health", "probe");
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the silo is shutting down");
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo status is {status}, not Active");
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the silo has joined; the host is still starting");
        }

        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(OrleansCacheStorage.Name);
            await storage.ReadStateAsync("health", ProbeGrain, new GrainState<int>()).WaitAsync(StorageTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"grain storage did not answer: {exception.GetType().Name}");
        }

        return HealthCheckResult.Healthy("joined the cluster; grain storage answers");
    }
}
