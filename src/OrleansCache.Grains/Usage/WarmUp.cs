using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Grains.Usage;

/// <summary>
/// When the silo has started, activates the most read entities from the usage record, so the first
/// reads after a restart are served from silo memory instead of Redis. Runs in the background and
/// never holds up start-up.
/// </summary>
internal sealed partial class WarmUp : BackgroundService
{
    private const int Parallelism = 32;

    private readonly UsageRecord _record;
    private readonly IGrainFactory _grains;
    private readonly WarmUpOptions _options;
    private readonly ILogger<WarmUp> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the service; the hosting extensions supply the arguments.</summary>
    public WarmUp(UsageRecord record, IGrainFactory grains, IOptions<WarmUpOptions> options, IHostApplicationLifetime lifetime, ILogger<WarmUp> logger)
    {
        _lifetime = lifetime;
        ArgumentNullException.ThrowIfNull(options);
        _record = record;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completes with the number of entities activated, once warm-up is done.</summary>
    public Task<int> Completed => _completed.Task;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var activated = 0;
        try
        {
            if (_options.TopEntities > 0)
            {
                // Grain calls need a running silo: start once the whole host (the silo included) has.
                await WhenStarted(stoppingToken);
                var top = await _record.TopAsync(_options.TopEntities);
                await Parallel.ForEachAsync(
                    top,
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (grainKey, _) =>
                    {
                        // Find activates the grain (loading its state) and never throws for a missing entity.
                        await _grains.GetGrain<IEntityGrain>(grainKey).Find();
                        Interlocked.Increment(ref activated);
                    });
                LogWarmedUp(_logger, activated, top.Count);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWarmUpFailed(_logger, exception, activated);
        }
        finally
        {
            _completed.TrySetResult(activated);
        }
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Warm-up activated {Activated} of the {Top} most read entities.")]
    private static partial void LogWarmedUp(ILogger logger, int activated, int top);

    [LoggerMessage(2, LogLevel.Warning, "Warm-up stopped after activating {Activated} entities.")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception, int activated);
}
