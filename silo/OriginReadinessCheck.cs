using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansCache.Origins;

namespace OrleansCache.Silo;

/// <summary>
/// Origin mode: reports whether the origin answers. An origin that does not is reported
/// <see cref="HealthStatus.Degraded"/>, not unhealthy: the silo keeps serving what it holds (taking
/// every silo out of rotation because the origin is down would stop exactly the reads the cache is
/// there to keep serving), and the body says that misses fail until the origin is back.
/// </summary>
internal sealed class OriginReadinessCheck(ICatalogOrigin origin) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await origin.CheckAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{origin.Name} answers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{origin.Name} did not answer ({exception.GetType().Name}): cached entities are served, misses fail with OriginUnavailableException");
        }
    }
}
