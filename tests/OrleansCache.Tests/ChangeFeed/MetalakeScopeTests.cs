using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Events;
using OrleansCache.Events;
using OrleansCache.Grains;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.ChangeFeed;

/// <summary>
/// The client's epoch, sequence and repair rules for one metalake (<see cref="MetalakeScope"/>),
/// every branch against a fake change log: no cluster, no network.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MetalakeScopeTests : IDisposable
{
    private static readonly EntityKey Lake = EntityKey.Metalake("lake");
    private static readonly EntityKey Other = EntityKey.Table("other", "cat", "s", "t");
    private readonly FakeLog _log = new();
    private readonly NearCacheMetrics _metrics = new();
    private readonly NearCache _cache;
    private readonly List<EntityChanged> _applied = [];
    private readonly MetalakeScope _scope;

    public MetalakeScopeTests()
    {
        _cache = NewCache(_metrics);
        _scope = new MetalakeScope("lake", _cache, _log, _metrics, faults: null, _applied.Add, NullLogger.Instance);
    }

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Events_in_order_are_applied_and_replace_what_the_cache_holds()
    {
        _cache.Fill(Table(1), Found(Table(1), 1));

        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        await _scope.OnNextAsync(_log.Append(Table(2), 5));

        Assert.Equal([1L, 2L], _applied.Select(e => e.Sequence));
        Assert.False(_cache.Holds(Table(1)), "the altered entry is no longer served");
        Assert.Equal(0, _metrics.Gaps);
    }

    [Fact]
    public async Task A_duplicate_or_older_event_is_ignored()
    {
        var first = _log.Append(Table(1), 2);
        await _scope.OnNextAsync(first);
        await _scope.OnNextAsync(_log.Append(Table(1), 3));
        _cache.Fill(Table(1), Found(Table(1), 3));

        await _scope.OnNextAsync(first);

        Assert.Equal(2, _applied.Count);
        Assert.Equal(3, _cache.HeldVersion(Table(1)));
    }

    [Fact]
    public async Task A_gap_is_repaired_from_the_log_in_order()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _log.Append(Table(2), 2);
        _log.Append(Table(3), 2);
        var fourth = _log.Append(Table(4), 2);

        await _scope.OnNextAsync(fourth);

        Assert.Equal([1L, 2L, 3L, 4L], _applied.Select(e => e.Sequence));
        Assert.Equal(1, _metrics.Gaps);
        Assert.Equal(3, _metrics.Repairs);
        Assert.Equal(0, _metrics.ScopeFlushes);
    }

    [Fact]
    public async Task A_gap_the_log_no_longer_holds_drops_the_metalake_and_keeps_the_others()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _cache.Fill(Table(9), Found(Table(9), 1));
        _cache.Fill(Other, Found(Other, 1));
        _log.Append(Table(2), 2);
        _log.Forget();

        await _scope.OnNextAsync(_log.Append(Table(3), 2));

        Assert.Equal(1, _metrics.ScopeFlushes);
        Assert.False(_cache.Holds(Table(9)));
        Assert.True(_cache.Holds(Other), "another metalake's entries stay");
    }

    [Fact]
    public async Task An_event_from_a_new_epoch_drops_the_metalake_and_is_applied()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _cache.Fill(Table(9), Found(Table(9), 1));
        _log.NewEpoch();

        await _scope.OnNextAsync(_log.Append(Table(2), 2));

        Assert.Equal(1, _metrics.ScopeFlushes);
        Assert.False(_cache.Holds(Table(9)));
        Assert.Equal(2, _applied.Count);
    }

    [Fact]
    public async Task Reconciliation_repairs_a_lost_event_that_nothing_followed()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _log.Append(Table(2), 2); // lost in transit: never handed to the scope

        await _scope.ReconcileAsync(TimeSpan.FromSeconds(5), inFlightGrace: TimeSpan.FromMilliseconds(20));

        Assert.Equal([1L, 2L], _applied.Select(e => e.Sequence));
        Assert.Equal(1, _metrics.Repairs);
    }

    [Fact]
    public async Task Reconciliation_leaves_an_event_in_flight_to_its_push()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        var inFlight = _log.Append(Table(2), 2);

        var reconciling = _scope.ReconcileAsync(TimeSpan.FromSeconds(5), inFlightGrace: TimeSpan.FromSeconds(30));
        await _scope.OnNextAsync(inFlight);
        await reconciling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _metrics.Repairs);
        Assert.Equal(0, _log.SliceReads);
        Assert.Equal([1L, 2L], _applied.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_log_that_does_not_answer_in_time_drops_the_metalake_and_says_so()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _cache.Fill(Table(9), Found(Table(9), 1));
        _log.Hang();

        await Assert.ThrowsAsync<TimeoutException>(() => _scope.ReconcileAsync(TimeSpan.FromMilliseconds(50), TimeSpan.Zero));

        Assert.Equal(1, _metrics.ScopeFlushes);
        Assert.False(_cache.Holds(Table(9)));
    }

    [Fact]
    public async Task Reconciliation_with_a_new_epoch_drops_the_metalake_and_takes_the_new_position()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        _log.NewEpoch();
        _log.Append(Table(2), 2);
        _cache.Fill(Table(9), Found(Table(9), 1));

        await _scope.ReconcileAsync(TimeSpan.FromSeconds(5), TimeSpan.Zero);
        await _scope.OnNextAsync(_log.Append(Table(3), 2));

        Assert.Equal(1, _metrics.ScopeFlushes);
        Assert.False(_cache.Holds(Table(9)));
        Assert.Equal(0, _metrics.Gaps);
        Assert.Equal(2L, _applied[^1].Sequence);
    }

    [Fact]
    public async Task A_repair_that_hangs_lets_the_scope_lapse_and_drop_what_it_holds()
    {
        await _scope.OnNextAsync(_log.Append(Table(1), 2));
        await _scope.ReconcileAsync(TimeSpan.FromSeconds(5), TimeSpan.Zero);
        Assert.False(_scope.LapseIfUnconfirmedFor(TimeSpan.FromMinutes(1)), "just confirmed");

        // A gap whose repair never answers holds the scope's gate: no reconciliation can confirm it.
        _log.HangSlices();
        _log.Append(Table(2), 2);
        var stuck = _scope.OnNextAsync(_log.Append(Table(3), 2));
        var reconciling = _scope.ReconcileAsync(TimeSpan.FromSeconds(5), TimeSpan.Zero);
        _cache.Fill(Table(9), Found(Table(9), 1));
        var limit = TimeSpan.FromMilliseconds(50);
        await OrleansCache.Tests.Infrastructure.Eventually.True(() => _scope.SinceConfirmed > limit, "the confirmation is older than the limit");

        Assert.True(_scope.LapseIfUnconfirmedFor(limit), "the scope lapses");
        Assert.False(_cache.Holds(Table(9)), "what it held is no longer served");
        _cache.Fill(Table(9), Found(Table(9), 1));
        Assert.False(_scope.LapseIfUnconfirmedFor(limit), "a lapse is reported once");
        Assert.False(_cache.Holds(Table(9)), "what was filled while lapsed goes too");
        Assert.Equal(1, _metrics.ScopeFlushes);
        Assert.False(stuck.IsCompleted || reconciling.IsCompleted, "the repair still hangs");
    }

    /// <summary>A change log in memory: numbers what is appended, can forget its history, start a new epoch or stop answering.</summary>
    private sealed class FakeLog : IChangeLogGrain
    {
        private readonly List<EntityChanged> _events = [];
        private Guid _epoch = Guid.NewGuid();
        private long _sequence;
        private long _oldestHeld = 1;
        private bool _hung;
        private bool _slicesHung;

        public int SliceReads { get; private set; }

        public EntityChanged Append(EntityKey key, long version)
        {
            var changed = Event(key, ChangeKind.Altered, version) with { Epoch = _epoch, Sequence = ++_sequence };
            _events.Add(changed);
            return changed;
        }

        public void Forget() => _oldestHeld = _sequence + 1;

        public void NewEpoch() => (_epoch, _sequence, _oldestHeld) = (Guid.NewGuid(), 0, 1);

        public void Hang() => _hung = true;

        public void HangSlices() => _slicesHung = true;

        public Task<ChangeLogPosition> GetHead() =>
            _hung ? new TaskCompletionSource<ChangeLogPosition>().Task : Task.FromResult(new ChangeLogPosition(_epoch, _sequence));

        public Task<ChangeLogSlice> GetSince(Guid epoch, long afterSequence)
        {
            SliceReads++;
            if (_slicesHung)
            {
                return new TaskCompletionSource<ChangeLogSlice>().Task;
            }

            var head = new ChangeLogPosition(_epoch, _sequence);
            if (epoch != _epoch || afterSequence + 1 < _oldestHeld)
            {
                return Task.FromResult(new ChangeLogSlice(head, false, []));
            }

            var missed = _events.Where(e => e.Epoch == _epoch && e.Sequence > afterSequence).OrderBy(e => e.Sequence).ToImmutableArray();
            return Task.FromResult(new ChangeLogSlice(head, true, missed));
        }
    }
}
