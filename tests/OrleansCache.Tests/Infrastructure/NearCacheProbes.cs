using OrleansCache.Client.Caching;
using OrleansCache.Naming;

namespace OrleansCache.Tests;

/// <summary>Looks into a near cache for assertions, outside the production type; counts neither hit nor miss.</summary>
internal static class NearCacheProbes
{
    /// <summary>True when an answer for <paramref name="key"/> (found or not found) is held.</summary>
    public static bool Holds(this NearCache cache, EntityKey key) => cache.Peek(key) is not null;
}
