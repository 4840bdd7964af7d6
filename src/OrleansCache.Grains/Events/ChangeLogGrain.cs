using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Events;
using OrleansCache.Grains.Diagnostics;
using OrleansCache.Grains.Providers;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Events;

/// <summary>
/// A metalake's change log. One activation per metalake numbers the metalake's events in order;
/// appends are serialized (turn-based), reads interleave. The epoch is new on every activation: a
/// log that lost its history (its silo died, or it was deactivated) can never be mistaken for the
/// one that had it.
/// </summary>
[GrainType("changelog")] // pinned: part of every stored key and grain id; never change it
internal sealed partial class ChangeLogGrain : Grain, IChangeLogGrain, IChangeLogWriter
{
    private readonly EntityChanged?[] _ring;
    private readonly ILogger<ChangeLogGrain> _logger;
    private readonly TimeProvider _clock;
    private Guid _epoch = Guid.NewGuid();
    private DateTimeOffset _epochStarted;
    private long _sequence;

    // One publisher at a time, so the stream carries events in sequence order, and not awaited by
    // Append: a writer's acknowledgement does not wait for the stream. Events appended while a
    // publish is in flight go out together in the next batch, so the stream keeps up with any
    // write rate at one queue call per round trip. An event whose publish fails stays in the log
    // for repair.
    private readonly List<EntityChanged> _unpublished = [];

    // A publish that hangs (its queue's activation unreachable while the cluster's view changes)
    // must not hold every later event of the metalake behind it: past this it counts as failed, the
    // events stay in the log for repair, and the next batch goes out. If the hung call completes
    // after all, receivers ignore its events by sequence number.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(1);
    private bool _publishing;

    /// <summary>Creates the log; Orleans supplies the arguments.</summary>
    public ChangeLogGrain(IOptions<ChangeStreamOptions> options, ILogger<ChangeLogGrain> logger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new EntityChanged?[options.Value.LogCapacity];
        _logger = logger;
        _clock = clock;
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _epoch = Guid.NewGuid();
        _epochStarted = _clock.GetUtcNow();
        _sequence = 0;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ChangeLogPosition> GetHead() => Task.FromResult(new ChangeLogPosition(_epoch, _sequence));

    /// <inheritdoc/>
    public Task<ChangeLogSlice> GetSince(Guid epoch, long afterSequence)
    {
        var head = new ChangeLogPosition(_epoch, _sequence);
        var oldestHeld = Math.Max(1, _sequence - _ring.Length + 1);
        if (epoch != _epoch || afterSequence < oldestHeld - 1 || afterSequence > _sequence)
        {
            return Task.FromResult(new ChangeLogSlice(head, false, []));
        }

        var events = ImmutableArray.CreateBuilder<EntityChanged>((int)(_sequence - afterSequence));
        for (var sequence = afterSequence + 1; sequence <= _sequence; sequence++)
        {
            events.Add(_ring[sequence % _ring.Length]!);
        }

        return Task.FromResult(new ChangeLogSlice(head, true, events.MoveToImmutable()));
    }

    /// <inheritdoc/>
    public Task<EntityChanged> Append(EntityChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Task.FromResult(Keep(change));
    }

    /// <inheritdoc/>
    public Task AppendAll(ImmutableArray<EntityChanged> changes)
    {
        foreach (var change in changes.IsDefault ? [] : changes)
        {
            ArgumentNullException.ThrowIfNull(change);
            Keep(change);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> Vouches(EntityKey key, long version, DateTimeOffset durableBy)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_epochStarted > durableBy)
        {
            return Task.FromResult(true);
        }

        var oldestHeld = Math.Max(1, _sequence - _ring.Length + 1);
        for (var sequence = _sequence; sequence >= oldestHeld; sequence--)
        {
            if (_ring[sequence % _ring.Length] is { } held && held.Version >= version && (held.Key == key || held.NewKey == key))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <summary>Numbers <paramref name="change"/>, keeps it in the ring and queues it for the stream.</summary>
    private EntityChanged Keep(EntityChanged change)
    {
        var numbered = change with { Epoch = _epoch, Sequence = ++_sequence };
        _ring[numbered.Sequence % _ring.Length] = numbered;
        _unpublished.Add(numbered);
        if (!_publishing)
        {
            _publishing = true;
            _ = PublishUnpublished();
        }

        return numbered;
    }

    private async Task PublishUnpublished()
    {
        var stream = this.GetStreamProvider(ChangeStreams.ProviderName)
            .GetStream<EntityChanged>(ChangeStreams.ForMetalake(this.GetPrimaryKeyString()));
        while (_unpublished.Count > 0)
        {
            var batch = _unpublished.ToArray();
            _unpublished.Clear();
            try
            {
                await stream.OnNextBatchAsync(batch).WaitAsync(PublishTimeout);
                SiloMetrics.EventsPublishedOnStream(batch);
            }
            catch (Exception exception)
            {
                SiloMetrics.EventsPublishFailed(batch.Length);
                // Kept in the log: receivers find the gap at their next reconciliation and repair it.
                LogPublishFailed(_logger, exception, batch[0].Sequence, batch[^1].Sequence, this.GetPrimaryKeyString());
            }
        }

        _publishing = false;
    }

    [LoggerMessage(1, LogLevel.Warning, "Publishing changes {First} to {Last} of metalake {Metalake} failed; receivers will repair them from the log.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long first, long last, string metalake);
}
