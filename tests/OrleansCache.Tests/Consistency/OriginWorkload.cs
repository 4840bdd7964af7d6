using System.Collections.Concurrent;
using System.Globalization;
using OrleansCache.Client;
using OrleansCache.Naming;
using OrleansCache.Tests.Origin;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// The origin scenario's workload: the writer commits to Gravitino's PostgreSQL directly (creates,
/// alters and soft deletes of tables, as Gravitino's server writes them) and readers read through
/// their clients. Each table's comment carries the writer's sequence number for that name, which
/// is the version the checker sees: a read's version is the number in the comment it returned.
/// </summary>
public sealed class OriginWorkload(GravitinoWriter writer, string lakeName)
{
    private const int Names = 24;
    private readonly ConcurrentDictionary<int, long> _live = new();
    private readonly long[] _sequence = new long[Names];
    private (long Lake, long Catalog, long Schema) _ids;

    public History History { get; } = new();

    private EntityKey Key(int name) => EntityKey.Table(lakeName, "rel", "s", $"t{name}");

    public async Task SetUpAsync()
    {
        var lake = await writer.MetalakeAsync(lakeName);
        var catalog = await writer.CatalogAsync(lake, "rel");
        _ids = (lake, catalog, await writer.SchemaAsync(lake, catalog, "s"));
        for (var name = 0; name < Names / 2; name++)
        {
            await CreateAsync(name);
        }
    }

    public async Task WriteAsync(int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var name = random.Next(Names);
            var start = History.Now;
            if (!_live.TryGetValue(name, out var id))
            {
                await CreateAsync(name);
            }
            else if (random.NextDouble() < 0.1)
            {
                await writer.SoftDeleteAsync("table_meta", "table_id", id);
                _live.TryRemove(name, out _);
                History.Add(new Op(0, OpKind.Remove, Key(name), start, History.Now, true, null, null));
            }
            else
            {
                var version = ++_sequence[name];
                await writer.AlterTableAsync(id, version.ToString(CultureInfo.InvariantCulture));
                History.Add(new Op(0, OpKind.Write, Key(name), start, History.Now, true, version, null));
            }
        }
    }

    public async Task ReadLoopAsync(IOrleansCacheClient client, int clientId, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var key = Key(random.Next(Names));
            var start = History.Now;
            var record = await client.FindAsync(key);
            long? version = record is null ? null : long.Parse(record.Payload.Comment!, CultureInfo.InvariantCulture);
            History.Add(new Op(clientId, OpKind.Read, key, start, History.Now, true, version, record?.Version.ToString(CultureInfo.InvariantCulture)));

            // Paced as the client scenarios' readers are: near-cache hits in a spin (680,000 reads
            // in one CI run) took both cores from the silos' origin feed, and a change then took
            // over a second to reach the log, which the checker rightly called stale.
            await Task.Delay(1, CancellationToken.None);
        }
    }

    private async Task CreateAsync(int name)
    {
        var start = History.Now;
        var version = ++_sequence[name];
        var id = await writer.TableAsync(_ids.Lake, _ids.Catalog, _ids.Schema, $"t{name}", version.ToString(CultureInfo.InvariantCulture), ("id", "\"long\""));
        _live[name] = id;
        History.Add(new Op(0, OpKind.Write, Key(name), start, History.Now, true, version, null));
    }
}
