using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Events;
using OrleansCache.Grains.Providers;

namespace OrleansCache.Grains.Events;

/// <summary>
/// A metalake's change log. One activation per metalake numbers the metalake's events in order;
/// appends are serialized (turn-based), reads interleave. The epoch is new on every activation: a
/// log that lost its history (its silo died, or it was deactivated) can never be mistaken for the
/// one that had it.
/// </summary>
public sealed partial class ChangeLogGrain : Grain, IChangeLogGrain, IChangeLogWriter
{
    private readonly EntityChanged?[] _ring;
    private readonly ILogger<ChangeLogGrain> _logger;
    private Guid _epoch = Guid.NewGuid();
    private long _sequence;

    // Publishing is chained, so the stream carries events in sequence order, but not awaited by
    // Append: a writer's acknowledgement does not wait for the stream, and the next append does not
    // wait for this one's publish. An event whose publish fails stays in the log for repair.
    private Task _publishing = Task.CompletedTask;

    /// <summary>Creates the log; Orleans supplies the arguments.</summary>
    public ChangeLogGrain(IOptions<ChangeStreamOptions> options, ILogger<ChangeLogGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new EntityChanged?[options.Value.LogCapacity];
        _logger = logger;
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _epoch = Guid.NewGuid();
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
        var numbered = change with { Epoch = _epoch, Sequence = ++_sequence };
        _ring[numbered.Sequence % _ring.Length] = numbered;
        _publishing = PublishAfter(_publishing, numbered);
        return Task.FromResult(numbered);
    }

    private async Task PublishAfter(Task previous, EntityChanged numbered)
    {
        await previous;
        try
        {
            await this.GetStreamProvider(ChangeStreams.ProviderName)
                .GetStream<EntityChanged>(ChangeStreams.ForMetalake(this.GetPrimaryKeyString()))
                .OnNextAsync(numbered);
        }
        catch (Exception exception)
        {
            // Kept in the log: receivers find the gap at their next reconciliation and repair it.
            LogPublishFailed(_logger, exception, numbered.Sequence, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Publishing change {Sequence} of metalake {Metalake} failed; receivers will repair it from the log.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long sequence, string metalake);
}
