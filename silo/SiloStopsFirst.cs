namespace OrleansCache.Silo;

/// <summary>
/// Stops the silo (it leaves the cluster and hands its grains over) before the host stops
/// anything else. The host stops its services in reverse order and the web server is registered
/// last, so without this the HTTP listener closed at SIGTERM: <c>/health/live</c> went dark and
/// <c>/health/ready</c> could not say "shutting down" during the hand-over. Now both keep
/// answering until the silo has stopped; the silo's own hosted service then finds it stopped.
/// </summary>
internal sealed class SiloStopsFirst(Orleans.Runtime.Silo silo) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
