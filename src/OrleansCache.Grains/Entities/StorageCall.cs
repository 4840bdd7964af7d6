using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Grains.Entities;

/// <summary>
/// A grain storage call with a time bound and one typed error. The storage provider's own
/// exceptions never leave the silo: a client could not load their types (they live in the provider's
/// package), and would see a <see cref="TypeLoadException"/> instead of the error.
/// </summary>
internal static class StorageCall
{
    /// <summary>Awaits <paramref name="call"/> for at most <paramref name="bound"/>.</summary>
    /// <exception cref="StorageUnavailableException">The call failed or did not finish in time; the message says which and why.</exception>
    public static async Task Bounded(Task call, TimeSpan bound, EntityKey key, string operation)
    {
        try
        {
            await call.WaitAsync(bound);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            // The call goes on; whatever it ends with must not surface as an unobserved fault.
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new StorageUnavailableException(key.Identifier.ToString(), operation, $"no answer within {bound.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is not OrleansCacheException)
        {
            throw new StorageUnavailableException(key.Identifier.ToString(), operation, CacheUnavailableException.Describe(exception));
        }
    }
}
