using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.Client.Events;

/// <summary>
/// This client's view of one metalake's change log: the subscription to its stream, and the epoch
/// and sequence of the last event applied. A gap in the sequence is repaired from the log; a new
/// epoch, or a gap the log can no longer fill, drops everything held of the metalake. Periodic
/// reconciliation compares with the log's head, so a lost event is found even when no later event
/// arrives. The scope remembers when it was last confirmed (every event the log's head counted at
/// that moment applied); held entries are only as trustworthy as that moment is recent, so a
/// scope that cannot be confirmed for long enough drops them (<see cref="LapseIfUnconfirmedFor"/>),
/// whatever call is hanging.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim only needs disposing once its wait handle is used, which this class never does.")]
internal sealed partial class MetalakeScope : IAsyncObserver<EntityChanged>
{
    private readonly NearCache _cache;
    private readonly IChangeLogGrain _log;
    private readonly NearCacheMetrics _metrics;
    private readonly IChangeFeedFaults? _faults;
    private readonly Action<EntityChanged> _received;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Guid _epoch;
    private long _applied;
    private bool _positioned;
    private TaskCompletionSource? _caughtUp;
    private long _awaited;

    // Stopwatch timestamps: when the head of the last confirmation was asked for, and the
    // confirmation the scope last lapsed on (a lapse is counted once per confirmation it outlived).
    // And whether a reconciliation is under way.
    private long _confirmedAt;
    private long _lapsedOn = -1;
    private int _reconciling;

    public MetalakeScope(string metalake, NearCache cache, IChangeLogGrain log, NearCacheMetrics metrics, IChangeFeedFaults? faults, Action<EntityChanged> received, ILogger logger)
    {
        Metalake = metalake;
        _cache = cache;
        _log = log;
        _metrics = metrics;
        _faults = faults;
        _received = received;
        _logger = logger;
    }

    public string Metalake { get; }

    public StreamSubscriptionHandle<EntityChanged>? Handle { get; private set; }

    /// <summary>Subscribes, then takes the log's head as the starting position.</summary>
    public async Task StartAsync(IAsyncStream<EntityChanged> stream)
    {
        Handle = await stream.SubscribeAsync(this);
        var asked = Stopwatch.GetTimestamp();
        var head = await _log.GetHead();
        await _gate.WaitAsync();
        try
        {
            // Events that arrived before the head was known were applied already; anything the
            // head covers happened before this client filled anything of the metalake.
            if (_positioned && _epoch != head.Epoch)
            {
                Flush();
            }

            _applied = _positioned && _epoch == head.Epoch ? Math.Max(_applied, head.Sequence) : head.Sequence;
            _epoch = head.Epoch;
            _positioned = true;
            Confirm(asked);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How long ago the last confirmation asked for the log's head.</summary>
    public TimeSpan SinceConfirmed => Stopwatch.GetElapsedTime(Volatile.Read(ref _confirmedAt));

    /// <summary>
    /// Drops what is held of the metalake if the last confirmation is older than
    /// <paramref name="limit"/>: a change acknowledged after it may be unknown here, and serving it
    /// longer could break the staleness bound. Repeated while unconfirmed, so what was filled in the
    /// meantime goes too. Returns whether the scope had been confirmed until now (it just lapsed).
    /// </summary>
    public bool LapseIfUnconfirmedFor(TimeSpan limit)
    {
        var confirmed = Volatile.Read(ref _confirmedAt);
        if (Stopwatch.GetElapsedTime(confirmed) <= limit)
        {
            return false;
        }

        var first = Interlocked.Exchange(ref _lapsedOn, confirmed) != confirmed;
        Flush(counted: first);
        return first;
    }

    /// <summary>Claims the scope's one reconciliation; false while another is under way.</summary>
    public bool TryBeginReconcile() => Interlocked.Exchange(ref _reconciling, 1) == 0;

    /// <summary>Releases the claim of <see cref="TryBeginReconcile"/>.</summary>
    public void EndReconcile() => Volatile.Write(ref _reconciling, 0);

    public async Task OnNextAsync(EntityChanged item, StreamSequenceToken? token = null)
    {
        if (_faults?.DropEvent(item) == true)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            await ReceiveAsync(item);
            if (_caughtUp is { } waiter && _applied >= _awaited)
            {
                waiter.TrySetResult();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Compares with the log's head and repairs whatever was missed. Events the head counts but this
    /// client has not applied are given <paramref name="inFlightGrace"/> to arrive by push: most
    /// were published just before the head was read and are on their way, and fetching them from
    /// the log would only repeat the push. If the log cannot be reached within
    /// <paramref name="timeout"/>, nothing held of the metalake can be vouched for any more: it is
    /// dropped (fail-safe memory is kept), and the error is rethrown.
    /// </summary>
    public async Task ReconcileAsync(TimeSpan timeout, TimeSpan inFlightGrace)
    {
        ChangeLogPosition head;
        var asked = Stopwatch.GetTimestamp();
        try
        {
            head = await _log.GetHead().WaitAsync(timeout);
        }
        catch
        {
            Flush();
            throw;
        }

        await WaitForPushAsync(head, inFlightGrace);
        await _gate.WaitAsync();
        try
        {
            if (!_positioned)
            {
                return;
            }

            if (head.Epoch != _epoch)
            {
                LogNewEpoch(_logger, Metalake);
                Flush();
                (_epoch, _applied) = (head.Epoch, head.Sequence);
            }
            else if (head.Sequence > _applied)
            {
                await RepairAsync();
            }

            Confirm(asked);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits until the events up to <paramref name="head"/> were applied, or the grace ran out.</summary>
    private async Task WaitForPushAsync(ChangeLogPosition head, TimeSpan grace)
    {
        TaskCompletionSource waiter;
        await _gate.WaitAsync();
        try
        {
            if (!_positioned || head.Epoch != _epoch || head.Sequence <= _applied)
            {
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_caughtUp, _awaited) = (waiter, head.Sequence);
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            await waiter.Task.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            // Not by push in time: the caller repairs from the log.
        }
        finally
        {
            Interlocked.CompareExchange(ref _caughtUp, null, waiter);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(_logger, ex, Metalake);
        return Task.CompletedTask;
    }

    private async Task ReceiveAsync(EntityChanged item)
    {
        if (!_positioned)
        {
            Apply(item);
            (_epoch, _applied, _positioned) = (item.Epoch, item.Sequence, true);
            return;
        }

        if (item.Epoch != _epoch)
        {
            // The log lost its history: whatever this client missed cannot be listed any more.
            LogNewEpoch(_logger, Metalake);
            Flush();
            Apply(item);
            (_epoch, _applied) = (item.Epoch, item.Sequence);
            return;
        }

        if (item.Sequence <= _applied)
        {
            return;
        }

        if (item.Sequence > _applied + 1)
        {
            _metrics.GapDetected();
            await RepairAsync();
            if (item.Sequence <= _applied)
            {
                return;
            }
        }

        Apply(item);
        _applied = item.Sequence;
    }

    private async Task RepairAsync()
    {
        var slice = await _log.GetSince(_epoch, _applied);
        if (!slice.Complete)
        {
            LogUnrepairable(_logger, Metalake, _applied);
            Flush();
            (_epoch, _applied) = (slice.Head.Epoch, slice.Head.Sequence);
            return;
        }

        foreach (var missed in slice.Events)
        {
            Apply(missed);
            _applied = missed.Sequence;
        }

        _metrics.Repaired(slice.Events.Length);
    }

    private void Apply(EntityChanged item)
    {
        _cache.Apply(item);
        _received(item);
    }

    private void Flush(bool counted = true)
    {
        if (counted)
        {
            _metrics.ScopeFlushed();
        }

        _cache.Distrust(EntityKey.Metalake(Metalake));
    }

    /// <summary>Everything the head asked for at <paramref name="asked"/> counted is applied.</summary>
    private void Confirm(long asked)
    {
        // Only forward: confirmations end out of order when an older one was slow.
        var current = Volatile.Read(ref _confirmedAt);
        while (asked > current)
        {
            var seen = Interlocked.CompareExchange(ref _confirmedAt, asked, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The change log of metalake {Metalake} started a new epoch; dropped what this client held of it.")]
    private static partial void LogNewEpoch(ILogger logger, string metalake);

    [LoggerMessage(2, LogLevel.Warning, "Missed events of metalake {Metalake} after {Sequence} are no longer in its log; dropped what this client held of it.")]
    private static partial void LogUnrepairable(ILogger logger, string metalake, long sequence);

    [LoggerMessage(3, LogLevel.Warning, "The change stream of metalake {Metalake} reported an error.")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string metalake);
}
