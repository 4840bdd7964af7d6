namespace OrleansCache.Rest.Providers;

/// <summary>
/// The REST API's rendered-response cache (section <c>OrleansCache:Rest:ResponseCache</c>): the JSON
/// bytes of each entity at a version, and of each list of a container, kept so that a repeated GET
/// is a lookup and a write. Freshness follows a .NET client's near cache run in the silo process
/// (the same change events, the same epoch and sequence repair, the same <see cref="StalenessBound"/>).
/// </summary>
public sealed class RestResponseCacheOptions
{
    /// <summary>False renders every response from the grains, as before the cache existed. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most responses kept (entities and lists together; the near cache under them holds as many records). Default 50,000; 16 to 10,000,000.</summary>
    public int MaxEntries { get; set; } = 50_000;

    /// <summary>
    /// The most bytes of responses kept, JSON and compressed copies together; the least recently used
    /// go first when it is passed. A single body over a quarter of it is served but not kept. Default
    /// 256 MiB; 1 MiB to 64 GiB.
    /// </summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long, at most, a response may show a replaced version when change events are lost or
    /// delayed (the near cache's <c>StalenessBound</c>: metalakes are reconciled with their change logs
    /// at a quarter of it). Default 1 second; 100 ms to 1 minute.
    /// </summary>
    public TimeSpan StalenessBound { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bodies of at least this many bytes are sent compressed (br or gzip) to a client whose
    /// <c>Accept-Encoding</c> allows it, compressed once per cached version. 0 turns compression off.
    /// Default 1,400 (about one TCP segment: below it, compression saves no round trip); 0 to 64 MiB.
    /// </summary>
    public int CompressionMinBytes { get; set; } = 1400;
}
