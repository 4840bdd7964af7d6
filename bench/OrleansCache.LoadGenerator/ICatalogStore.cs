namespace OrleansCache.LoadGenerator;

/// <summary>One "client" of a catalog cache as the workloads drive it: entities by index 0..N-1.</summary>
internal interface ICatalogStore
{
    /// <summary>Reads entity <paramref name="index"/> the way a service would (near cache / L1 first); returns its version.</summary>
    ValueTask<long> LoadAsync(int index);

    /// <summary>Changes one property of entity <paramref name="index"/>; returns the version the write was acknowledged with.</summary>
    Task<long> AlterAsync(int index);
}
