namespace OrleansCache.Tests.Infrastructure;

/// <summary>Waits for a condition with a generous timeout; never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        True(() => Task.FromResult(condition()), what, timeout);

    /// <summary>
    /// Retries a read that fails while the cluster settles (a silo lost, a gateway gone) until it
    /// answers. OrleansCache's typed errors are answers and are not retried, except those that say
    /// the cluster could not answer now (<see cref="Errors.CacheUnavailableException"/>); after the timeout the
    /// last failure is thrown.
    /// </summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> read, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception error) when (error is not Errors.OrleansCacheException or Errors.CacheUnavailableException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
