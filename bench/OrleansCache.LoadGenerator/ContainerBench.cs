using System.Diagnostics;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// Creates in one schema, band by band of <see cref="Band"/> children, up to
/// <see cref="FarBand"/> + one band: the create rate of the first band against the band that starts at
/// 100,000 children says whether a create costs more in a big container (issue 12: "create rate
/// at 100,000 children ÷ create rate at 0 ≥ 0.8"). Creates go straight to the grains,
/// <see cref="Writers"/> at a time, with a small table payload.
/// </summary>
internal static class ContainerBench
{
    public const int Band = 1_000;
    public const int FarBand = 100_000;
    public const int Writers = 64;

    public static async Task<ContainerResult> RunAsync(IGrainFactory grains, string metalake)
    {
        var lake = EntityKey.Metalake(metalake);
        await grains.GetEntityGrain(lake).Create(new MetalakePayload(), WriteOptions.Default);
        var catalog = lake.Child(EntityKind.Catalog, "big");
        await grains.GetEntityGrain(catalog).Create(new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" }, WriteOptions.Default);
        var warmUp = catalog.Child(EntityKind.Schema, "warm_up");
        var schema = catalog.Child(EntityKind.Schema, "big");
        await grains.GetEntityGrain(warmUp).Create(new SchemaPayload(), WriteOptions.Default);
        await grains.GetEntityGrain(schema).Create(new SchemaPayload(), WriteOptions.Default);

        // One band elsewhere first, so the first measured band does not pay for JIT and connections.
        await CreateBandAsync(grains, warmUp, 0);
        var rates = new List<double>();
        for (var start = 0; start <= FarBand; start += Band)
        {
            rates.Add(await CreateBandAsync(grains, schema, start));
            if (start % 20_000 == 0)
            {
                Console.WriteLine($"container: band at {start} children: {rates[^1]:F0} creates/s");
            }
        }

        var listing = Stopwatch.StartNew();
        var page = await grains.GetEntityGrain(schema).ListChildrenPage(EntityKind.Table, ChildPage.DefaultPageSize, "t050000");
        listing.Stop();
        return new ContainerResult(rates[0], rates[^1], rates.Count * Band, listing.Elapsed.TotalMilliseconds, page.Children.Length);
    }

    private static async Task<double> CreateBandAsync(IGrainFactory grains, EntityKey schema, int start)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(start, Band), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (i, _) =>
        {
            var table = schema.Child(EntityKind.Table, $"t{i:D6}");
            await grains.GetEntityGrain(table).Create(new TablePayload { Columns = [new Column { Name = "id", DataType = "bigint" }] }, WriteOptions.Default);
        });
        return Band / clock.Elapsed.TotalSeconds;
    }
}

/// <summary>What <see cref="ContainerBench"/> measured.</summary>
internal sealed record ContainerResult(double FirstBandPerSecond, double FarBandPerSecond, int Children, double PageMillis, int PageSize);
