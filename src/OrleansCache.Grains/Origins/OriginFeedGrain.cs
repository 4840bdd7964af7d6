using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Grains.Providers;
using OrleansCache.Origins;

namespace OrleansCache.Grains.Origins;

/// <summary>
/// Runs the origin's change feed while activated: on the thread pool (the feed blocks on the
/// origin's replication connection), restarting it after a failure with a growing pause, and
/// stopping it when the activation goes (its silo stops), so the origin lets the next one in.
/// </summary>
[GrainType("originfeed")] // pinned: grain ids cross the wire; never change it
internal sealed partial class OriginFeedGrain(
    ICatalogOrigin origin,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<EntityGrainOptions> entities,
    IHostApplicationLifetime lifetime,
    ILogger<OriginFeedGrain> logger) : Grain, IOriginFeedGrain, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealthyRun = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private string _status = "starting";

    public Task<string> Ensure()
    {
        if (_running is null || _running.IsCompleted)
        {
            var sink = new OriginChangeApplier(grains, clock, entities.Value.CascadeParallelism);
            // The silo stopping ends the feed even when its grains are not deactivated (a stop cut
            // short): the replication slot must not stay held by a silo that is gone.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, lifetime.ApplicationStopping);
            _running = Task.Run(async () =>
            {
                using (stop)
                {
                    await RunAsync(sink, stop.Token);
                }
            });
        }

        return Task.FromResult($"{_status} on {this.RuntimeIdentity}");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_running is { } running)
        {
            await running.WaitAsync(StopTimeout, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }

    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(IOriginChangeSink sink, CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        var failures = new FailureStreak(clock);
        while (!cancellationToken.IsCancellationRequested)
        {
            var attempt = clock.GetTimestamp();
            try
            {
                _status = "running";
                if (failures.Count == 0)
                {
                    LogStarted(logger, origin.Name);
                }

                await origin.ChangeFeed.RunAsync(sink, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The feed must outlive any failure of the origin: it resumes from its durable position.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                OriginMetrics.FeedFailed();
                _status = $"stopped: {exception.Message}";
                if (clock.GetElapsedTime(attempt) >= HealthyRun)
                {
                    // It ran well before this failure: a new outage, retried promptly again.
                    failures = new FailureStreak(clock);
                    pause = FirstPause;
                }

                // An outage retried every few seconds would print a stack trace each time: the first
                // failure of a streak (and one whose reason changes) is logged whole, the rest once a minute.
                switch (failures.Add(exception.Message))
                {
                    case FailureStreak.Report.Whole:
                        LogFailed(logger, exception, origin.Name, pause);
                        break;
                    case FailureStreak.Report.Reminder:
                        LogStillFailing(logger, origin.Name, failures.Count, failures.Elapsed, exception.Message);
                        break;
                    default:
                        LogFailedAgain(logger, origin.Name, exception.Message);
                        break;
                }
            }

            try
            {
                await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, LongestPause.TotalMilliseconds));
        }

        _status = "stopped";
    }

    [LoggerMessage(1, LogLevel.Information, "Change feed of origin {Origin} started on this silo.")]
    private static partial void LogStarted(ILogger logger, string origin);

    [LoggerMessage(2, LogLevel.Warning, "Change feed of origin {Origin} failed; it resumes from its durable position in {Pause}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string origin, TimeSpan pause);

    [LoggerMessage(3, LogLevel.Debug, "Change feed of origin {Origin} failed again: {Reason}")]
    private static partial void LogFailedAgain(ILogger logger, string origin, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Change feed of origin {Origin} still failing after {Attempts} attempts in {Elapsed}: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, string origin, int attempts, TimeSpan elapsed, string reason);
}
