using OrleansCache.Client.Caching;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Client.Providers;
using OrleansCache.Events;
using OrleansCache.Naming;
using static OrleansCache.Tests.NearCacheUnit.NearCacheTestData;

namespace OrleansCache.Tests.NearCacheUnit;

/// <summary>Smoke tests of the fill fence under real concurrency.</summary>
[Trait("Category", "Unit")]
public sealed class ConcurrencyTests
{
    private const int KeyCount = 32;
    private const int EventCount = 20_000;
    private const int MinFills = 1_000;
    private const int FillThreads = 4;

    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task Fills_racing_events_never_leave_a_version_older_than_the_last_event(NearCacheStore store)
    {
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.Store = store);
        var keys = Enumerable.Range(0, KeyCount).Select(Table).ToArray();

        // The "grain": the durable version of each key. An event is published after the change is durable.
        var durable = new long[KeyCount];
        for (var i = 0; i < KeyCount; i++)
        {
            durable[i] = 1;
        }

        using var done = new CancellationTokenSource();
        var filled = 0L;
        var fills = Enumerable.Range(0, FillThreads).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            var count = 0L;
            while (!done.IsCancellationRequested)
            {
                var i = random.Next(KeyCount);
                if (cache.TryGet(keys[i], out _))
                {
                    continue;
                }

                var ticket = cache.BeginFill(keys[i]);
                var read = Interlocked.Read(ref durable[i]);
                if (random.Next(4) == 0)
                {
                    Thread.Yield();
                }

                cache.CompleteFill(keys[i], Found(keys[i], read), ticket);
                count++;
                Interlocked.Increment(ref filled);
            }

            return count;
        })).ToArray();

        // At least EventCount events, and on until the fills have raced them a fair number of
        // times however slowly the fill threads got going on a loaded machine.
        var events = Task.Run(() =>
        {
            var random = new Random(42);
            var applied = 0L;
            for (var n = 0; n < EventCount || Interlocked.Read(ref filled) < MinFills; n++)
            {
                var i = random.Next(KeyCount);
                var version = Interlocked.Increment(ref durable[i]);
                cache.Apply(Event(keys[i], ChangeKind.Altered, version));
                applied++;
            }

            return applied;
        });

        var applied = await events;
        await done.CancelAsync();
        var fillCounts = await Task.WhenAll(fills);

        Assert.True(fillCounts.Sum() >= MinFills, $"only {fillCounts.Sum()} fills raced the events");
        Assert.Equal(applied, metrics.EventsReceived);

        // Strong form: with the events all applied and every fill finished, nothing held is older
        // than the last version announced for its key.
        for (var i = 0; i < KeyCount; i++)
        {
            if (cache.TryGet(keys[i], out var held))
            {
                Assert.True(held.Version >= durable[i], $"{keys[i]} held at v{held.Version}; last event announced v{durable[i]}");
            }
        }

        // Simple form: one more event per key at the highest version leaves nothing below it.
        var max = durable.Max() + 1;
        foreach (var key in keys)
        {
            cache.Apply(Event(key, ChangeKind.Altered, max));
        }

        foreach (var key in keys)
        {
            Assert.False(cache.TryGet(key, out var held) && held.Version < max, $"{key} held below v{max}");
        }
    }

    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task Fills_racing_a_container_drop_never_survive_the_drop(NearCacheStore store)
    {
        var catalog = EntityKey.Catalog("lake", "cat");
        var result = await RaceFillsAgainst(store, cache => cache.Apply(Event(catalog, ChangeKind.Dropped, 1)));

        Assert.True(
            result.Survivors == 0,
            $"{result.Survivors} fill(s) read before a drop of {catalog} were held after the drop (round {result.Round} of {Rounds})");
        Assert.True(result.Round >= MinRounds, $"only {result.Round} rounds ran before the deadline; the race was hardly tried");
    }

    [Theory]
    [InlineData(NearCacheStore.Lfu)]
    [InlineData(NearCacheStore.Lru)]
    public async Task Fills_racing_Clear_never_survive_the_clear(NearCacheStore store)
    {
        var result = await RaceFillsAgainst(store, cache => cache.Distrust(scope: null));

        Assert.True(
            result.Survivors == 0,
            $"{result.Survivors} fill(s) read before Clear were held after Clear (round {result.Round} of {Rounds})");
        Assert.True(result.Round >= MinRounds, $"only {result.Round} rounds ran before the deadline; the race was hardly tried");
    }

    private const int Rounds = 5_000;

    /// <summary>Rounds that must run before the deadline for a clean result to mean anything.</summary>
    private const int MinRounds = 500;

    /// <summary>
    /// Each round: take tickets for 32 tables under lake.cat, then one thread completes the 32 fills
    /// while another invalidates the whole subtree a moment later. Every ticket predates the
    /// invalidation, so whatever the interleaving, nothing may be held once both are done: a fill
    /// that stored before the invalidation is removed by it, and one after it must see its ticket
    /// voided. Stops at the first round that leaves something held.
    /// </summary>
    private static async Task<(int Survivors, int Round)> RaceFillsAgainst(NearCacheStore store, Action<NearCache> invalidateAll)
    {
        const int fillsPerRound = 32;
        using var metrics = new NearCacheMetrics();
        var cache = NewCache(metrics, o => o.Store = store);
        var tables = Enumerable.Range(0, fillsPerRound).Select(i => EntityKey.Table("lake", "cat", "s", $"t{i}")).ToArray();
        var reads = tables.Select(table => Found(table, 1)).ToArray();
        var tickets = new FillTicket[fillsPerRound];
        var go = -1;
        var filled = -1;
        var stop = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(4);

        // Spin hand-offs (not a Barrier) keep both threads hot, so the invalidation lands among the fills.
        var filler = Task.Factory.StartNew(
            () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var spinner = default(SpinWait);
                    while (Volatile.Read(ref go) != round)
                    {
                        if (Volatile.Read(ref stop) != 0)
                        {
                            return;
                        }

                        spinner.SpinOnce(sleep1Threshold: -1);
                    }

                    for (var i = 0; i < fillsPerRound; i++)
                    {
                        cache.CompleteFill(tables[i], reads[i], tickets[i]);
                    }

                    Volatile.Write(ref filled, round);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var invalidator = Task.Factory.StartNew(
            () =>
            {
                var random = new Random(7);
                try
                {
                    var round = 0;
                    // At least MinRounds however slow the machine, then until the deadline.
                    for (; round < Rounds && (round < MinRounds || DateTime.UtcNow < deadline); round++)
                    {
                        cache.Distrust(scope: null);
                        for (var i = 0; i < fillsPerRound; i++)
                        {
                            tickets[i] = cache.BeginFill(tables[i]);
                        }

                        Volatile.Write(ref go, round);
                        Thread.SpinWait(random.Next(301));
                        invalidateAll(cache);

                        var spinner = default(SpinWait);
                        while (Volatile.Read(ref filled) != round)
                        {
                            spinner.SpinOnce(sleep1Threshold: -1);
                        }

                        var survivors = tables.Count(cache.Holds);
                        if (survivors > 0)
                        {
                            return (survivors, round);
                        }
                    }

                    return (0, round);
                }
                finally
                {
                    Volatile.Write(ref stop, 1);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var result = await invalidator;
        await filler;
        return result;
    }
}
