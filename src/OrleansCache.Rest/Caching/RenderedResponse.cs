using OrleansCache.Rest.Diagnostics;

namespace OrleansCache.Rest.Caching;

/// <summary>
/// A response body as sent: its entity tag, its JSON bytes, and its compressed copies, each made the
/// first time a client asks for that coding (once per rendered version, however many ask).
/// </summary>
/// <remarks>
/// While held by <see cref="RenderedResponses"/> (between <see cref="Attach"/> and
/// <see cref="Detach"/>) its bytes, compressed copies included, count against the store's bound. One
/// lock per response guards the copies and that accounting, so a copy made while the response is
/// being dropped is not counted for a store that no longer holds it.
/// </remarks>
internal sealed class RenderedResponse
{
    private readonly object _gate = new();
    private byte[]? _gzip;
    private byte[]? _brotli;
    private RenderedResponses? _owner;
    private bool _detached;

    public RenderedResponse(string tag, byte[] json, long version = 0, int latestModelVersion = 0)
    {
        Tag = tag;
        Json = json;
        Version = version;
        LatestModelVersion = latestModelVersion;
    }

    /// <summary>The entity tag (strong; sent weak with a compressed copy).</summary>
    public string Tag { get; }

    /// <summary>The UTF-8 JSON body.</summary>
    public byte[] Json { get; }

    /// <summary>The entity's version this body shows (0 for a list).</summary>
    public long Version { get; }

    /// <summary>A model's <c>latestVersion</c> this body shows (0 otherwise).</summary>
    public int LatestModelVersion { get; }

    /// <summary>The bytes held: JSON and compressed copies.</summary>
    public long Size => Json.Length + (_gzip?.Length ?? 0) + (_brotli?.Length ?? 0);

    /// <summary>The body in <paramref name="coding"/>, compressed on the first call for it.</summary>
    public byte[] Encoded(ContentCoding coding)
    {
        if (coding == ContentCoding.Identity)
        {
            return Json;
        }

        var held = coding == ContentCoding.Brotli ? Volatile.Read(ref _brotli) : Volatile.Read(ref _gzip);
        if (held is not null)
        {
            return held;
        }

        RenderedResponses? grew;
        byte[] compressed;
        lock (_gate)
        {
            held = coding == ContentCoding.Brotli ? _brotli : _gzip;
            if (held is not null)
            {
                return held;
            }

            compressed = ContentCodings.Compress(Json, coding);
            RestMetrics.ResponseCompressed(ContentCodings.Token(coding), compressed.Length);
            if (coding == ContentCoding.Brotli)
            {
                Volatile.Write(ref _brotli, compressed);
            }
            else
            {
                Volatile.Write(ref _gzip, compressed);
            }

            grew = _owner is { } owner && !_detached ? owner : null;
            grew?.Grew(compressed.Length);
        }

        // Outside the lock: trimming drops other responses, which take their own locks.
        grew?.TrimToBound();
        return compressed;
    }

    /// <summary>Counts this response against <paramref name="owner"/>'s bound.</summary>
    public void Attach(RenderedResponses owner)
    {
        lock (_gate)
        {
            _owner = owner;
            owner.Grew(Size);
        }
    }

    /// <summary>Stops counting this response (it was dropped, replaced or evicted); once.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            if (_owner is { } owner && !_detached)
            {
                _detached = true;
                owner.Grew(-Size);
            }
        }
    }
}
