using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCache.Grains.Providers;
using StackExchange.Redis;

namespace OrleansCache.Grains.Usage;

/// <summary>
/// The usage record in Redis: a sorted set <c>{ServiceId}/usage</c> of entity grain keys scored by
/// reads, shared by all silos. Flushes this silo's counts periodically and on shutdown, and serves
/// the most read keys for warm-up.
/// </summary>
internal sealed partial class UsageRecord : BackgroundService
{
    private readonly EntityUsage _usage;
    private readonly WarmUpOptions _options;
    private readonly ConfigurationOptions _redis;
    private readonly RedisKey _key;
    private readonly ILogger<UsageRecord> _logger;
    private ConnectionMultiplexer? _connection;

    /// <summary>Creates the record; Orleans and the hosting extensions supply the arguments.</summary>
    public UsageRecord(EntityUsage usage, IOptions<WarmUpOptions> options, ConfigurationOptions redis, IOptions<ClusterOptions> cluster, ILogger<UsageRecord> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        _usage = usage;
        _options = options.Value;
        _redis = redis;
        _key = $"{cluster.Value.ServiceId}/usage";
        _logger = logger;
    }

    /// <summary>The grain keys of the <paramref name="count"/> most read entities, most read first.</summary>
    public async Task<IReadOnlyList<string>> TopAsync(int count)
    {
        var database = (await ConnectAsync()).GetDatabase();
        var top = await database.SortedSetRangeByRankAsync(_key, 0, count - 1, Order.Descending);
        return [.. top.Select(value => value.ToString())];
    }

    /// <summary>Adds the counts gathered since the last flush to the record and trims it.</summary>
    public async Task FlushAsync()
    {
        var counts = _usage.Drain();
        if (counts.Count == 0)
        {
            return;
        }

        var database = (await ConnectAsync()).GetDatabase();
        var batch = database.CreateBatch();
        var writes = counts.Select(pair => (Task)batch.SortedSetIncrementAsync(_key, pair.Key, pair.Value)).ToList();
        writes.Add(batch.SortedSetRemoveRangeByRankAsync(_key, 0, -(_options.RecordSize + 1)));
        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.FlushPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushQuietly();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushQuietly();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task FlushQuietly()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Usage is a hint for warm-up; losing one flush costs nothing that matters.
            LogFlushFailed(_logger, exception);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        _connection ??= await ConnectionMultiplexer.ConnectAsync(_redis.Clone());

    [LoggerMessage(1, LogLevel.Warning, "Adding read counts to the usage record failed.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
