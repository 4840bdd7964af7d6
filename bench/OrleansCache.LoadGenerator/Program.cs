using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansCache.Changes;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.LoadGenerator;
using OrleansCache.Naming;
using StackExchange.Redis;
using OrleansCache.Testing;

// dotnet run -c Release --project bench/OrleansCache.LoadGenerator -- --quick [--micro bdn.json] [--out file]
// Everything it starts (redis-server, 2 silos, clients) listens on loopback only and stops at the end.
var options = BenchOptions.Parse(args);
if (options.OriginOnly)
{
    await RunOriginAsync();
    return;
}

TableShape.ScaleTo(options.Entities);
var report = new Report(options);
var total = Stopwatch.StartNew();
Console.WriteLine($"load generator: entities={options.Entities} duration={options.Duration.TotalSeconds}s workers={options.Workers} poll={options.PollPeriod.TotalMilliseconds}ms");

await using var redis = await RedisServer.StartAsync(appendOnly: false);
// A long Redis timeout for the silos: at a million activations a blocking gen-2 collection of this
// process (workstation GC, for stable heap readings) outlasts StackExchange.Redis' 5 s default.
var siloRedis = $"{redis.ConnectionString},asyncTimeout=60000,syncTimeout=60000";
await using var cluster = options.SiloProcesses > 0
    ? await OrleansCluster.StartProcessesAsync(siloRedis, options.SiloProcesses, options.PollPeriod)
    : await OrleansCluster.StartAsync(siloRedis, options.Silos, options.PollPeriod);
var cpu = new CpuMeter(cluster.Processes, redis.ProcessId);
report.Shape(options.SiloProcesses > 0 ? $"{options.SiloProcesses} silo processes (silo/ Release), clients in the load generator" : $"{options.Silos} silos in the load generator process");
// The silos' memory: this process's settled managed heap when they run here, their RSS when they are processes.
async Task<long> SiloMemoryAsync() => cluster.Processes is { } processes
    ? await processes.QuiescedResidentAsync(tolerance: 1024 * 1024, limit: TimeSpan.FromSeconds(60))
    : await HeapProbe.QuiescedAsync(tolerance: 256 * 1024, limit: TimeSpan.FromSeconds(60));
var zipf = new Zipf(options.Entities);

// 1. Populate through a client without near cache, measuring the silos' heap growth per entity.
// The tables are created through the client's Orleans cluster client, straight to their grains:
// the client library keeps each record it writes for read-your-writes (even with its near cache
// off), and that copy lives in this process too, so it would be counted as silo memory.
var direct = await cluster.ConnectAsync(nearCache: false);
var grains = direct.Host.Services.GetRequiredService<IClusterClient>();
// The first call activates the metalake on silos that may still be warming up (JIT, Redis
// connections), which on a loaded box can outlast the client's 5 s bound: retry it, a create that
// landed before its answer was lost counts as done.
for (var attempt = 1; ; attempt++)
{
    try
    {
        await direct.Cache.CreateAsync(EntityKey.Metalake(TableShape.Metalake), new MetalakePayload());
        break;
    }
    catch (OrleansCache.Errors.CacheTimeoutException) when (attempt < 12)
    {
        Console.WriteLine($"first create timed out (attempt {attempt}); retrying");
    }
    catch (OrleansCache.Errors.EntityAlreadyExistsException) when (attempt > 1)
    {
        break;
    }
}

for (var c = 0; c < 10; c++)
{
    await direct.Cache.CreateAsync(EntityKey.Catalog(TableShape.Metalake, $"cat{c}"), new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" });
}

foreach (var schema in TableShape.Schemas())
{
    await direct.Cache.CreateAsync(schema, new SchemaPayload());
}

// The creates/s target is for 16 writers against 2 silos.
const int PopulateWriters = 16;

// Warm-up: a silo's first thousands of creates run while the JIT compiles and re-compiles (tiered)
// the code of the path; in the first seconds that is most of the silo's CPU. A silo that has been
// serving for a while is past it, so creates are measured after as many unmeasured ones, in a
// catalog of their own (their memory is in the heap before the populate step, not in its growth).
const int WarmUpCreates = 4000;
await direct.Cache.CreateAsync(EntityKey.Catalog(TableShape.Metalake, "warmup"), new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" });
for (var s = 0; s < WarmUpCreates / 200; s++)
{
    await direct.Cache.CreateAsync(EntityKey.Schema(TableShape.Metalake, "warmup", $"schema{s}"), new SchemaPayload());
}

await Parallel.ForEachAsync(Enumerable.Range(0, WarmUpCreates), new ParallelOptions { MaxDegreeOfParallelism = PopulateWriters }, async (i, _) =>
    await grains.GetEntityGrain(EntityKey.Table(TableShape.Metalake, "warmup", $"schema{i % (WarmUpCreates / 200)}", $"table_{i}")).Create(TableShape.Payload(i), WriteOptions.Default));

var heapBefore = await SiloMemoryAsync();
await PauseForDump("before populating");
var populate = Stopwatch.StartNew();
var populateCpu = cpu.Total();
EntityRecord? sample = null;
await Parallel.ForEachAsync(Enumerable.Range(0, options.Entities), new ParallelOptions { MaxDegreeOfParallelism = PopulateWriters }, async (i, _) =>
{
    var record = await grains.GetEntityGrain(TableShape.Key(i)).Create(TableShape.Payload(i), WriteOptions.Default);
    if (i == 0)
    {
        sample = record;
    }
});
populate.Stop();
report.Cpu("cpu_us_per_create", (cpu.Total() - populateCpu).TotalMicroseconds / options.Entities);
var heapAfter = await SiloMemoryAsync();
await PauseForDump("after populating");
var serializer = direct.Host.Services.GetRequiredService<Serializer>();
var recordBytes = serializer.SerializeToArray(sample!).Length;
var payloadBytes = PayloadProbe.BytesPerRecord(serializer, sample!, options.Entities);
report.SiloMemory(options.Entities, heapAfter - heapBefore, recordBytes, payloadBytes, options.Entities / populate.Elapsed.TotalSeconds);
Console.WriteLine(
    $"populated {options.Entities} entities in {populate.Elapsed.TotalSeconds:F1}s; silo heap +{(heapAfter - heapBefore) / (double)options.Entities:F0} B/entity, " +
    $"record {payloadBytes:F0} B in memory ({recordBytes} B serialized), overhead {(heapAfter - heapBefore) / (double)options.Entities - payloadBytes:F0} B/entity");
if (options.MemoryOnly)
{
    WriteReport();
    return;
}

if (options.ContainerOnly)
{
    await ContainerStepAsync();
    report.Finish(total.Elapsed);
    report.PrintTable();
    report.Write(options.Output);
    Console.WriteLine($"wrote {options.Output}");
    return;
}

if (options.RestOnly)
{
    await RestStepAsync();
    WriteReport();
    return;
}

if (options.WritesOnly)
{
    await WritesStepAsync();
    WriteReport();
    return;
}

// 2. Miss path: client -> already-active grain (near cache off), beside a raw Redis GET of a value of the same size
// and FusionCache's L1-miss/L2-hit (GET + JSON deserialization of the same table through FusionCache).
await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
using (var fusionMiss = new FusionClient(redis.ConnectionString))
{
    for (var i = 0; i < 1000; i++)
    {
        await fusionMiss.Cache.SetAsync(FusionClient.Key(i), FusionTable.From(i));
    }

    var db = connection.GetDatabase();
    var value = serializer.SerializeToArray(sample!);
    for (var i = 0; i < 1000; i++)
    {
        await db.StringSetAsync($"bench:raw:{i}", value);
    }

    var redisGet = new Latencies();
    var miss = new Latencies();
    var grainCall = new Latencies();
    var clientExists = new Latencies();
    var fusionL2 = new Latencies();
    for (var round = 0; round < 2; round++)
    {
        // Round 0 warms both paths (JIT, connections); round 1 is measured.
        for (var i = 0; i < options.MissSamples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = (byte[]?)await db.StringGetAsync($"bench:raw:{i % 1000}");
            if (round == 1)
            {
                redisGet.Add(Stopwatch.GetTimestamp() - start);
            }

            start = Stopwatch.GetTimestamp();
            await direct.LoadAsync(i % 1000);
            if (round == 1)
            {
                miss.Add(Stopwatch.GetTimestamp() - start);
            }

            // The floor under the miss path: the same grain, a method that returns a bool (IEntityGrain.Exists).
            start = Stopwatch.GetTimestamp();
            _ = await grains.GetEntityGrain(TableShape.Key(i % 1000)).Exists();
            if (round == 1)
            {
                grainCall.Add(Stopwatch.GetTimestamp() - start);
            }

            // The client's ExistsAsync is not that floor: on a miss it loads (and moves) the whole record.
            start = Stopwatch.GetTimestamp();
            await direct.Cache.ExistsAsync(TableShape.Key(i % 1000));
            if (round == 1)
            {
                clientExists.Add(Stopwatch.GetTimestamp() - start);
            }

            start = Stopwatch.GetTimestamp();
            _ = await PeerProbes.FusionL2GetAsync(fusionMiss, i % 1000) ?? throw new InvalidOperationException("FusionCache L2 lost a table");
            if (round == 1)
            {
                fusionL2.Add(Stopwatch.GetTimestamp() - start);
            }
        }
    }

    // CPU per operation on the whole deployment, each path alone, on the populate step's 16 workers
    // (a busy system: the processes' background work is a small share of what is counted; distinct
    // keys in flight, so no alter joins another's group commit). Each loop runs twice and the second
    // is kept: the first warms the path up (JIT tiering).
    var cpuOperations = options.MissSamples * 4;
    for (var round = 0; round < 2; round++)
    {
        report.Cpu("cpu_us_per_miss", await cpu.MicrosPerOperationAsync(cpuOperations, PopulateWriters, async i => await direct.LoadAsync(i % 1000)));
        report.Cpu("fusion_cpu_us_per_miss", await cpu.MicrosPerOperationAsync(cpuOperations, PopulateWriters, async i => await PeerProbes.FusionL2GetAsync(fusionMiss, i % 1000)));
        report.Cpu("cpu_us_per_alter", await cpu.MicrosPerOperationAsync(cpuOperations, PopulateWriters, async i => await direct.AlterAsync(i % 1000)));
        report.Cpu("fusion_cpu_us_per_alter", await cpu.MicrosPerOperationAsync(cpuOperations, PopulateWriters, async i => await fusionMiss.AlterAsync(i % 1000)));
    }

    Console.WriteLine($"cpu us per operation (all processes): {report.CpuSummary()}");

    report.MissPath(miss, redisGet, grainCall);
    report.MissPeers(fusionL2, clientExists);
    Console.WriteLine($"miss path p50 {miss.PercentileMicros(0.5):F0} us; bare grain call (Exists) p50 {grainCall.PercentileMicros(0.5):F0} us; client ExistsAsync p50 {clientExists.PercentileMicros(0.5):F0} us; " +
        $"redis GET p50 {redisGet.PercentileMicros(0.5):F0} us; FusionCache L1-miss/L2-hit p50 {fusionL2.PercentileMicros(0.5):F0} us");
}

if (options.CpuOnly)
{
    await PopulateFusionAsync();
    WriteReport();
    return;
}

// 3. Client bytes per near-cache entry (the entry, the deserialized record and the store's bookkeeping).
{
    var entries = Math.Min(options.ClientEntries, options.Entities);
    var probe = await cluster.ConnectAsync(nearCache: true, maxEntries: entries * 2);
    await probe.LoadAsync(options.Entities - 1);
    var before = HeapProbe.Settled();
    await Parallel.ForEachAsync(Enumerable.Range(0, entries), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => await probe.LoadAsync(i));
    var after = HeapProbe.Settled();
    report.ClientMemory(entries, after - before, probe.Cache.CachedEntries);
    Console.WriteLine($"client near cache: {probe.Cache.CachedEntries} entries, +{(after - before) / (double)entries:F0} B/entry");
    await cluster.ReleaseAsync(probe);
}

if (options.MissMemory)
{
    WriteReport();
    return;
}

// 4. YCSB on OrleansCache (client A), then invalidation propagation A -> B.
var clientA = await cluster.ConnectAsync(nearCache: true, maxEntries: options.Entities);
var clientB = await cluster.ConnectAsync(nearCache: true, maxEntries: options.Entities);
foreach (var (name, loadShare) in Ycsb.Workloads)
{
    var (hits, misses) = (clientA.Metrics.Hits, clientA.Metrics.Misses);
    using var stages = new WriteStages();
    var result = await Ycsb.RunAsync(clientA, name, loadShare, zipf, options.Workers, options.Duration);
    report.WriteStages(name, stages.Stages);
    var (h, m) = (clientA.Metrics.Hits - hits, clientA.Metrics.Misses - misses);
    result = result with { HitRatio = h + m == 0 ? null : (double)h / (h + m) };
    report.Workload("orleanscache", result);
    Print("orleanscache", result);
}

// The workloads leave change events in flight to both clients; say how long they take to land
// (the stream's catch-up), then measure propagation on a settled system.
var drain = Stopwatch.StartNew();
var eventsSeen = clientA.Metrics.EventsReceived;
var lastEventAt = TimeSpan.Zero;
while (drain.Elapsed - lastEventAt < TimeSpan.FromMilliseconds(500) && drain.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(50);
    if (clientA.Metrics.EventsReceived != eventsSeen)
    {
        (eventsSeen, lastEventAt) = (clientA.Metrics.EventsReceived, drain.Elapsed);
    }
}

report.EventsSettled(lastEventAt);
Console.WriteLine($"orleanscache client A: events {clientA.Metrics.EventsReceived}, gaps {clientA.Metrics.Gaps}, events repaired from the log {clientA.Metrics.Repairs}, scope flushes {clientA.Metrics.ScopeFlushes}, reconnect drops {clientA.Metrics.ReconnectDrops}; last event {lastEventAt.TotalSeconds:F2} s after the workloads ended");
var orleansPropagation = await Propagation.MeasureAsync(clientA, clientB, options.Entities, options.PropagationSamples, TimeSpan.FromSeconds(2));
report.Propagation("orleanscache", orleansPropagation);
PrintPropagation("orleanscache", orleansPropagation);

// The near-cache hit through the public LoadAsync (not only the internal store), on a key A holds.
var orleansHit = await PeerProbes.HitAsync(clientA, 0);
report.PublicHit("orleanscache", orleansHit);
Console.WriteLine($"orleanscache LoadAsync hit: {orleansHit.MedianNs:F1} ns, {orleansHit.AllocatedBytes:F1} B allocated per call");

// Invalidation under load: YCSB-B on client A while A's writes reach 8 other subscribed clients.
await using (var readers = await SubscribedReaders.ConnectAsync(8, () => cluster.ConnectAsync(nearCache: true, maxEntries: 10_000), cluster))
{
    var load = Ycsb.RunAsync(clientA, "B", 0.95, zipf, options.Workers, options.Duration);
    var underLoad = await Propagation.UnderLoadAsync(clientA, readers.Stores, options.Entities, options.PropagationSamples, TimeSpan.FromSeconds(2), load);
    var loadResult = await load;
    report.PropagationUnderLoad("orleanscache", underLoad, loadResult.OpsPerSecond);
    PrintPropagation($"orleanscache under YCSB-B ({loadResult.OpsPerSecond:F0} ops/s), 8 readers,", underLoad);
}
Console.WriteLine($"orleanscache client B: events {clientB.Metrics.EventsReceived}, gaps {clientB.Metrics.Gaps}, events repaired from the log {clientB.Metrics.Repairs}, scope flushes {clientB.Metrics.ScopeFlushes}");

// Idle CPU: both silos and both subscribed clients (reconciling every quarter of the staleness
// bound) in this process, nothing else running. An upper bound for what one silo costs idle.
{
    var idle = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(20);
    // With silo processes, only theirs; with in-process silos, this whole process (an upper bound).
    var process = Process.GetCurrentProcess();
    TimeSpan Cpu()
    {
        process.Refresh();
        return cluster.Processes?.ProcessorTime() ?? process.TotalProcessorTime;
    }

    var cpuBefore = Cpu();
    await Task.Delay(idle);
    var percentOfCore = (Cpu() - cpuBefore).TotalSeconds / idle.TotalSeconds * 100;
    report.IdleCpu(percentOfCore, options.Silos);
    Console.WriteLine($"idle: {percentOfCore:F1} % of one core for {options.Silos} silos + 2 clients over {idle.TotalSeconds:F0} s");
}

await cluster.ReleaseAsync(clientA);
await cluster.ReleaseAsync(clientB);

// 5. The same against FusionCache: memory L1 + Redis L2 + Redis backplane, populated by a third instance.
await PopulateFusionAsync();

using (var fusionA = new FusionClient(redis.ConnectionString))
using (var fusionB = new FusionClient(redis.ConnectionString))
{
    // Let both backplane subscriptions come up before anything is measured.
    await fusionA.LoadAsync(0);
    await fusionB.LoadAsync(0);
    await Task.Delay(500);
    foreach (var (name, loadShare) in Ycsb.Workloads)
    {
        var lost = fusionA.LostUpdates;
        var result = await Ycsb.RunAsync(fusionA, name, loadShare, zipf, options.Workers, options.Duration);
        result = result with { LostUpdates = fusionA.LostUpdates - lost };
        report.Workload("fusioncache", result);
        Print("fusioncache", result);
    }

    var fusionPropagation = await Propagation.MeasureAsync(fusionA, fusionB, options.Entities, options.PropagationSamples, TimeSpan.FromSeconds(2));
    report.Propagation("fusioncache", fusionPropagation);
    PrintPropagation("fusioncache", fusionPropagation);

    var fusionHit = await PeerProbes.HitAsync(fusionA, 0);
    report.PublicHit("fusioncache", fusionHit);
    Console.WriteLine($"fusioncache GetOrDefaultAsync L1 hit: {fusionHit.MedianNs:F1} ns, {fusionHit.AllocatedBytes:F1} B allocated per call");

    await using var readers = await SubscribedReaders.ConnectAsync(8, () => Task.FromResult(new FusionClient(redis.ConnectionString)));
    await Task.Delay(500);
    var load = Ycsb.RunAsync(fusionA, "B", 0.95, zipf, options.Workers, options.Duration);
    var underLoad = await Propagation.UnderLoadAsync(fusionA, readers.Stores, options.Entities, options.PropagationSamples, TimeSpan.FromSeconds(2), load);
    var loadResult = await load;
    report.PropagationUnderLoad("fusioncache", underLoad, loadResult.OpsPerSecond);
    PrintPropagation($"fusioncache under YCSB-B ({loadResult.OpsPerSecond:F0} ops/s), 8 readers,", underLoad);
}

await RestStepAsync();
await ContainerStepAsync();

if (options.MicroJson is { } micro && File.Exists(micro))
{
    report.Micro(MicroResults.Read(micro));
}

WriteReport();
await RunOriginAsync();

// FusionCache populated with as many writers as OrleansCache's populate, after as many unmeasured
// warm-up sets: its CPU per create beside ours.
async Task PopulateFusionAsync()
{
    using var seeder = new FusionClient(redis.ConnectionString);
    await Parallel.ForEachAsync(Enumerable.Range(0, WarmUpCreates), new ParallelOptions { MaxDegreeOfParallelism = PopulateWriters }, async (i, token) =>
        await seeder.Cache.SetAsync($"warmup:{i}", FusionTable.From(i), token: token));
    report.Cpu("fusion_cpu_us_per_create", await cpu.MicrosPerOperationAsync(options.Entities, PopulateWriters, async i =>
        await seeder.Cache.SetAsync(FusionClient.Key(i), FusionTable.From(i))));
    Console.WriteLine($"cpu us per operation (all processes): {report.CpuSummary()}");
}

void WriteReport()
{
    report.Finish(total.Elapsed);
    report.PrintTable();
    report.Write(options.Output);
    Console.WriteLine($"wrote {options.Output}");
}

// 7. One big schema: create rate per band of 1,000 children, first band against the band at 100,000.
async Task ContainerStepAsync()
{
    var result = await ContainerBench.RunAsync(grains, "bench_container");
    report.Container(result);
    Console.WriteLine($"container: first band {result.FirstBandPerSecond:F0} creates/s, band at 100k {result.FarBandPerSecond:F0} creates/s, ratio {result.FarBandPerSecond / result.FirstBandPerSecond:F2}; a page of 1,000 at 50k in {result.PageMillis:F1} ms");
}

// Origin mode (Gravitino's PostgreSQL in front of the silos): printed and written beside the report.
async Task RunOriginAsync()
{
    var warm = options.Quick ? TimeSpan.FromSeconds(5) : options.Duration;
    var result = await OriginBench.RunAsync(options.OriginTables, options.PropagationSamples, warm, options.PollPeriod);
    Console.WriteLine(result);
    var path = Path.ChangeExtension(options.Output, ".origin.json");
    await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(result, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"wrote {path}");
}

// 6. The REST API (a local function: --rest-only runs it right after step 1). One more silo, hosted
// as the silo program hosts it with the API on, joins the cluster. HTTP GETs of active tables at 64
// connections beside raw Redis GETs of the same JSON body at the same concurrency; then change
// delivery over the SSE feed to a plain HTTP reader.
async Task RestStepAsync()
{
    const int connections = 64;
    var restPort = await cluster.StartRestSiloAsync(options.PollPeriod);
    using var http = RestBench.Client(restPort, connections);
    var tables = Enumerable.Range(0, Math.Min(1000, options.Entities)).Select(i => RestBench.Path(TableShape.Key(i))).ToList();
    var body = await http.GetByteArrayAsync(tables[0]);
    var rest = await RestBench.GetAsync(http, tables, connections, options.Duration);
    Console.WriteLine($"rest GET ({body.Length} B JSON, {connections} connections): {RestBench.Describe(rest)}");
    // The floor under it: the same HTTP stack on a path that calls no grain and writes a tiny body.
    var floor = await RestBench.GetAsync(http, ["/api/version"], connections, options.Duration);
    Console.WriteLine($"rest GET /api/version (no grain call, {connections} connections): {RestBench.Describe(floor)}");
    await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    var db = connection.GetDatabase();
    var keys = Enumerable.Range(0, 1000).Select(i => $"bench:json:{i}").ToList();
    foreach (var key in keys)
    {
        await db.StringSetAsync(key, body);
    }

    var redisJson = await RestBench.RedisGetAsync(db, keys, connections, options.Duration);
    Console.WriteLine($"raw Redis GET of the same body ({connections} concurrent): {RestBench.Describe(redisJson)}");
    report.Rest(rest, floor, redisJson, body.Length, connections);

    // Conditional GETs with the current tag (a 304 from the held response), and a 1,000-table list
    // served from the response cache (its digest taken once, not per request).
    var tags = new Dictionary<string, string>();
    foreach (var table in tables)
    {
        using var tagged = await http.GetAsync(table);
        tags[table] = tagged.Headers.ETag!.ToString();
    }

    var notModified = await RestBench.ConditionalGetAsync(http, tags, connections, options.Duration);
    Console.WriteLine($"rest GET with If-None-Match (304, {connections} connections): {RestBench.Describe(notModified)}");
    var bigSchema = EntityKey.Schema(TableShape.Metalake, "cat0", "list1000");
    await direct.Cache.CreateAsync(bigSchema, new SchemaPayload());
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = PopulateWriters }, async (i, _) =>
        await grains.GetEntityGrain(bigSchema.Child(EntityKind.Table, $"t{i:D4}")).Create(TableShape.Payload(i), WriteOptions.Default));
    var listPath = RestBench.Path(bigSchema.Child(EntityKind.Table, "x"))[..^2];
    var listBody = await http.GetByteArrayAsync(listPath);
    var list = await RestBench.GetAsync(http, [listPath], connections, options.Duration);
    Console.WriteLine($"rest GET of a 1,000-table list ({listBody.Length} B JSON, {connections} connections): {RestBench.Describe(list)}");
    report.RestCached(notModified, list, listBody.Length);
    var sse = await RestBench.ChangeFeedAsync(http, TableShape.Metalake, async s =>
    {
        var index = (options.Entities / 3 + s * 17) % options.Entities;
        return (TableShape.Key(index).Identifier.ToString(), await direct.AlterAsync(index));
    }, options.PropagationSamples, TimeSpan.FromSeconds(2));
    report.ChangeFeed(sse);
    PrintPropagation("sse change feed", sse);
}

// --writes-only: YCSB-B and A on OrleansCache (with the silos' per-stage write timings), then on FusionCache.
async Task WritesStepAsync()
{
    var writer = await cluster.ConnectAsync(nearCache: true, maxEntries: options.Entities);
    foreach (var (name, loadShare) in Ycsb.Workloads.Where(w => w.LoadShare < 1.0))
    {
        using var stages = new WriteStages();
        var result = await Ycsb.RunAsync(writer, name, loadShare, zipf, options.Workers, options.Duration);
        report.WriteStages(name, stages.Stages);
        report.Workload("orleanscache", result);
        Print("orleanscache", result);
        PrintStages(name, stages.Stages);
    }

    await cluster.ReleaseAsync(writer);
    using (var seeder = new FusionClient(redis.ConnectionString))
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Entities), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
            await seeder.Cache.SetAsync(FusionClient.Key(i), FusionTable.From(i), token: token));
    }

    using var fusion = new FusionClient(redis.ConnectionString);
    await fusion.LoadAsync(0);
    foreach (var (name, loadShare) in Ycsb.Workloads.Where(w => w.LoadShare < 1.0))
    {
        var lost = fusion.LostUpdates;
        var result = await Ycsb.RunAsync(fusion, name, loadShare, zipf, options.Workers, options.Duration);
        result = result with { LostUpdates = fusion.LostUpdates - lost };
        report.Workload("fusioncache", result);
        Print("fusioncache", result);
    }
}

static void PrintStages(string workload, IReadOnlyDictionary<string, Latencies> stages) => Console.WriteLine(
    $"ycsb-{workload} write stages in the grain (p50/p99 us, count): " +
    string.Join("; ", stages.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value.PercentileMicros(0.5):F0}/{s.Value.PercentileMicros(0.99):F0} ({s.Value.Count})")));

async Task PauseForDump(string point)
{
    if (options.PauseForDump > TimeSpan.Zero)
    {
        Console.WriteLine($"heap settled {point}: pid {Environment.ProcessId}, waiting {options.PauseForDump.TotalSeconds:F0}s for a dump");
        await Task.Delay(options.PauseForDump);
    }
}

static void Print(string system, WorkloadResult r) => Console.WriteLine(
    $"{system} ycsb-{r.Workload}: {r.OpsPerSecond:F0} ops/s; load p50/p99/p99.9 {r.Loads.PercentileMicros(0.5):F1}/{r.Loads.PercentileMicros(0.99):F1}/{r.Loads.PercentileMicros(0.999):F1} us; " +
    $"alter p50/p99/p99.9 {r.Alters.PercentileMicros(0.5):F0}/{r.Alters.PercentileMicros(0.99):F0}/{r.Alters.PercentileMicros(0.999):F0} us; hit ratio {r.HitRatio:F4}; errors {r.Errors}{(r.LostUpdates is { } lost ? $"; lost updates {lost}" : string.Empty)}");

static void PrintPropagation(string system, PropagationResult r) => Console.WriteLine(
    $"{system} invalidation: p50 {r.Samples.PercentileMicros(0.5) / 1000:F2} ms, p99 {r.Samples.PercentileMicros(0.99) / 1000:F2} ms, max {r.Samples.MaxMicros() / 1000:F2} ms over {r.Samples.Count} samples, {r.TimedOut} timed out");
