namespace OrleansCache.LoadGenerator;

/// <summary>
/// Extra subscribed clients (OrleansCache clients with a near cache, or FusionCache instances on the
/// backplane) that only read, for propagation to many clients; disposing stops and unsubscribes them.
/// </summary>
internal sealed class SubscribedReaders : IAsyncDisposable
{
    private readonly List<ICatalogStore> _stores;

    private SubscribedReaders(List<ICatalogStore> stores) => _stores = stores;

    public IReadOnlyList<ICatalogStore> Stores => _stores;

    public static async Task<SubscribedReaders> ConnectAsync<T>(int count, Func<Task<T>> connect) where T : ICatalogStore
    {
        var stores = new List<ICatalogStore>(count);
        for (var i = 0; i < count; i++)
        {
            stores.Add(await connect());
        }

        return new SubscribedReaders(stores);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case OrleansClient orleans:
                    await orleans.Host.StopAsync();
                    orleans.Host.Dispose();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
