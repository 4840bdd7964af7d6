using OrleansCache.Naming;

namespace OrleansCache.Client.Providers;

/// <summary>Which BitFaster.Caching store backs the near cache.</summary>
public enum NearCacheStore
{
    /// <summary><c>ConcurrentLfu</c> (W-TinyLFU): the better hit ratio on skewed catalog traffic. The default.</summary>
    Lfu = 0,

    /// <summary><c>ConcurrentLru</c> (pseudo-LRU): slightly cheaper bookkeeping, weaker against scans.</summary>
    Lru = 1,
}

/// <summary>The client's near cache (configuration section <c>OrleansCache:Client</c>).</summary>
public sealed class NearCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Client";

    /// <summary>False turns the near cache off: every read goes to the entity grain. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most entries kept (found and not-found). Default 100,000; 16 to 100,000,000.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>The store. Default <see cref="NearCacheStore.Lfu"/>.</summary>
    public NearCacheStore Store { get; set; } = NearCacheStore.Lfu;

    /// <summary>
    /// How long an entry may be served without being read again from its grain: a safety net under
    /// the change events, not the freshness mechanism. Default 10 minutes; 1 second to 1 day.
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Per-kind overrides of <see cref="TimeToLive"/> (for example <c>Table: 00:02:00</c>).</summary>
    public Dictionary<EntityKind, TimeSpan> TimeToLiveByKind { get; set; } = [];

    /// <summary>How long a not-found answer is cached; a created event clears it sooner. Default 5 seconds; 0 (off) to 1 hour.</summary>
    public TimeSpan NegativeTimeToLive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Scopes (a metalake <c>lake</c> or a catalog <c>lake.catalog</c>) whose entities are loaded into
    /// the near cache before the client reports started.
    /// </summary>
    public List<string> PreloadScopes { get; set; } = [];

    /// <summary>How long preloading may take before start-up fails. Default 2 minutes.</summary>
    public TimeSpan PreloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long, at most, this client may keep serving a replaced version when change events are
    /// lost or delayed: every subscribed metalake is reconciled with its change log at a quarter of
    /// it. Default 1 second; 100 ms to 1 minute.
    /// </summary>
    public TimeSpan StalenessBound { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Fail-safe: when the cluster cannot be reached, a read may return the last value this client
    /// knew, marked stale, if it is at most this old. Zero (the default) turns it off. Never used for
    /// strong reads, and never for an entity whose drop this client has seen.
    /// </summary>
    public TimeSpan FailSafeMaxAge { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The largest serialized payload (or set of alter changes) this client sends, in bytes; a bigger
    /// one fails with <c>PayloadTooLargeException</c> before it is sent. Keep it equal to the silos'
    /// <c>OrleansCache:Entities:MaxPayloadBytes</c>. Default 1 MiB; 1 KiB to 64 MiB.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a read that goes to the cluster may take before it fails with
    /// <c>CacheTimeoutException</c> (or, with fail-safe on, returns the last known value). Readers of
    /// one key that join a read already under way wait no longer than it. A read with no answer after a
    /// quarter of it is sent a second time and the first answer wins, so a request lost with a silo
    /// that died costs a quarter of the bound. Default 2 seconds; 100 ms to 5 minutes.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a write (create, alter, drop), a list or a watch may take before it fails with
    /// <c>CacheTimeoutException</c>; the write may still complete. Also Orleans' response timeout for
    /// this client. Default 5 seconds; 100 ms to 5 minutes.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often metalakes are reconciled with their change logs: a quarter of the staleness bound,
    /// which leaves room for a reconciliation that is late or slow on a loaded machine.
    /// </summary>
    public TimeSpan ReconcileInterval => StalenessBound / 4;

    /// <summary>The time-to-live for an entity of <paramref name="kind"/>.</summary>
    public TimeSpan TimeToLiveFor(EntityKind kind) => TimeToLiveByKind.TryGetValue(kind, out var ttl) ? ttl : TimeToLive;
}
