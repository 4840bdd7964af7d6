namespace OrleansCache.LoadGenerator;

/// <summary>
/// Extra subscribed clients (OrleansCache clients with a near cache, or FusionCache instances on the
/// backplane) that only read, for propagation to many clients; disposing stops and unsubscribes them
/// (OrleansCache clients through the cluster that connected them).
/// </summary>
internal sealed class SubscribedReaders : IAsyncDisposable
{
    private readonly List<ICatalogStore> _stores;
    private readonly OrleansCluster? _cluster;

    private SubscribedReaders(List<ICatalogStore> stores, OrleansCluster? cluster) => (_stores, _cluster) = (stores, cluster);

    public IReadOnlyList<ICatalogStore> Stores => _stores;

    public static async Task<SubscribedReaders> ConnectAsync<T>(int count, Func<Task<T>> connect, OrleansCluster? cluster = null) where T : ICatalogStore
    {
        var stores = new List<ICatalogStore>(count);
        for (var i = 0; i < count; i++)
        {
            stores.Add(await connect());
        }

        return new SubscribedReaders(stores, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case OrleansClient orleans when _cluster is not null:
                    await _cluster.ReleaseAsync(orleans);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
