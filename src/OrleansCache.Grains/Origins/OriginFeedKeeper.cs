using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansCache.Grains.Origins;

/// <summary>
/// Asks the cluster's origin feed grain to run, every second, from every silo: whichever silo
/// holds it, a dead one is replaced as soon as the cluster notices. It begins once the host has
/// started (the silo is active): asked earlier, placement finds no compatible silo and retries noisily.
/// </summary>
internal sealed partial class OriginFeedKeeper(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<OriginFeedKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Started.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IOriginFeedGrain>(0).Ensure().WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The silo may not have joined yet, or the grain's silo just died: ask again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogNotReached(logger, exception);
            }

            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "The origin feed grain could not be reached; asking again.")]
    private static partial void LogNotReached(ILogger logger, Exception exception);
}
