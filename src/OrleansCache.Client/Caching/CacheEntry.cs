using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Client.Caching;

/// <summary>
/// One near-cache entry: a record at the version it was read at, or a remembered not-found answer
/// (with the highest missing level, to rebuild the same error).
/// </summary>
internal sealed class CacheEntry
{
    private CacheEntry(EntityRecord? record, EntityKind missingKind, string? missingIdentifier)
    {
        Record = record;
        MissingKind = missingKind;
        MissingIdentifier = missingIdentifier;
    }

    /// <summary>The record, or null for a not-found entry.</summary>
    public EntityRecord? Record { get; }

    /// <summary>The version the record was read at; 0 for a not-found entry.</summary>
    public long Version => Record?.Version ?? 0;

    /// <summary>True for a remembered not-found answer.</summary>
    public bool IsMissing => Record is null;

    private EntityKind MissingKind { get; }

    private string? MissingIdentifier { get; }

    public static CacheEntry Found(EntityRecord record) => new(record, default, null);

    public static CacheEntry Missing(EntityNotFoundException error) => new(null, error.MissingKind, error.MissingIdentifier);

    /// <summary>The record, or the not-found error this entry remembers.</summary>
    public EntityRecord RecordOrThrow(EntityKey key) =>
        Record ?? throw new EntityNotFoundException(key.Identifier.ToString(), key.Kind, MissingKind, MissingIdentifier ?? key.Identifier.ToString());
}
