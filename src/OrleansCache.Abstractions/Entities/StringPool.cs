using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace OrleansCache.Entities;

/// <summary>
/// A bounded pool of the strings that repeat across entities: namespace levels, column names and
/// data types, property keys, principals. A process that holds many records (a silo's entity
/// grains) keeps one instance of each such string instead of one per record.
/// </summary>
/// <remarks>
/// Strings are added only while the pool holds fewer than about <see cref="Capacity"/> of them, and
/// never removed, so the pool's own cost is bounded and a lookup takes no lock. A string that comes
/// once the pool is full, or is longer than <see cref="MaxLength"/>, is handed back as it is.
/// Sharing changes no value: a record with shared strings is equal to, and serializes like, the one
/// it was made from.
/// </remarks>
public sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Creates an empty pool.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> or <paramref name="maxLength"/> is not positive.</exception>
    public StringPool(int capacity, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        Capacity = capacity;
        MaxLength = maxLength;
    }

    /// <summary>The process-wide pool: up to 65,536 strings of at most 128 characters (at most about 20 MB).</summary>
    public static StringPool Shared { get; } = new(65_536, 128);

    /// <summary>How many strings the pool takes at most (a few more when adds race).</summary>
    public int Capacity { get; }

    /// <summary>The longest string the pool takes.</summary>
    public int MaxLength { get; }

    /// <summary>How many strings the pool holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The pool's instance of <paramref name="value"/>, or <paramref name="value"/> itself when the pool does not keep it.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        shared = _strings.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
