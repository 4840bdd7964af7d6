using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OrleansCache.LoadGenerator;

/// <summary>Collects every number of a run into one flat map, prints the side-by-side table and writes the JSON.</summary>
internal sealed class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Dictionary<string, object?> _values = [];

    public Report(BenchOptions options)
    {
        _values["date_utc"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        _values["mode"] = options.Quick ? "quick" : "full";
        _values["machine"] = new Dictionary<string, object?>
        {
            ["nproc"] = Environment.ProcessorCount,
            ["cpu_model"] = ProcLine("/proc/cpuinfo", "model name"),
            ["memory"] = ProcLine("/proc/meminfo", "MemTotal"),
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
        };
        _values["entities"] = options.Entities;
        _values["workers"] = options.Workers;
        _values["workload_duration_s"] = options.Duration.TotalSeconds;
        _values["stream_poll_period_ms"] = options.PollPeriod.TotalMilliseconds;
    }

    private double? this[string key] => _values.TryGetValue(key, out var v) && v is double d && !double.IsNaN(d) ? d : null;

    /// <summary>
    /// Overhead is what an entity costs beyond its record as the grain holds it in memory
    /// (<paramref name="payloadBytes"/>, measured by <see cref="PayloadProbe"/>), not beyond its
    /// serialized size: the record's objects are the payload, whatever their layout costs.
    /// </summary>
    public void SiloMemory(int entities, long heapGrowth, int recordBytes, double payloadBytes, double populatePerSecond)
    {
        var perEntity = heapGrowth / (double)entities;
        _values["silo_entities"] = entities;
        _values["silo_bytes_per_entity"] = Math.Round(perEntity);
        _values["silo_record_serialized_bytes"] = (double)recordBytes;
        _values["silo_payload_bytes_per_entity"] = Math.Round(payloadBytes);
        _values["silo_overhead_bytes_per_entity"] = Math.Round(perEntity - payloadBytes);
        _values["populate_entities_per_s"] = Math.Round(populatePerSecond);
        _values["creates_per_s"] = Math.Round(populatePerSecond);
        _values["silo_bytes_over_serialized"] = Math.Round(perEntity / recordBytes, 3);
    }

    public void ClientMemory(int entries, long heapGrowth, int held)
    {
        _values["client_entries"] = entries;
        _values["client_entries_held"] = held;
        _values["client_bytes_per_entry"] = Math.Round(heapGrowth / (double)entries);
    }

    public void MissPath(Latencies miss, Latencies redisGet, Latencies grainCall)
    {
        _values["miss_p50_us"] = Round(miss.PercentileMicros(0.5));
        _values["miss_p99_us"] = Round(miss.PercentileMicros(0.99));
        _values["grain_call_p50_us"] = Round(grainCall.PercentileMicros(0.5));
        _values["grain_call_p99_us"] = Round(grainCall.PercentileMicros(0.99));
        _values["redis_get_p50_us"] = Round(redisGet.PercentileMicros(0.5));
        _values["redis_get_p99_us"] = Round(redisGet.PercentileMicros(0.99));
    }

    /// <summary>CPU microseconds per operation on every process involved (<see cref="CpuMeter"/>).</summary>
    public void Cpu(string field, double micros) => _values[field] = Math.Round(micros, 1);

    /// <summary>The CPU figures so far, for the console.</summary>
    public string CpuSummary() => string.Join(", ", _values.Where(pair => pair.Key.Contains("cpu_us_per_", StringComparison.Ordinal)).Select(pair => $"{pair.Key}={pair.Value}"));

    /// <summary>The deployment shape of the run: silo processes (counts toward the targets) or silos in this process.</summary>
    public void Shape(string shape) => _values["deployment_shape"] = shape;

    public void MissPeers(Latencies fusionL2, Latencies clientExists)
    {
        _values["fusion_l2_get_p50_us"] = Round(fusionL2.PercentileMicros(0.5));
        _values["fusion_l2_get_p99_us"] = Round(fusionL2.PercentileMicros(0.99));
        _values["client_exists_p50_us"] = Round(clientExists.PercentileMicros(0.5));
    }

    /// <summary>A hit through the public read API (OrleansCache LoadAsync, FusionCache GetOrDefaultAsync), same loop for both.</summary>
    public void PublicHit(string system, (double MedianNs, double AllocatedBytes) hit)
    {
        var prefix = system == "fusioncache" ? "fusion_l1_hit_api" : "near_hit_load_async";
        _values[$"{prefix}_ns"] = Round(hit.MedianNs);
        _values[$"{prefix}_allocated_bytes"] = Round(hit.AllocatedBytes);
    }

    /// <summary>Propagation to 8 subscribed clients while YCSB-B runs; timed-out samples are in the percentiles at the timeout.</summary>
    public void PropagationUnderLoad(string system, PropagationResult r, double loadOpsPerSecond)
    {
        var prefix = system == "fusioncache" ? "fusion_invalidation_under_load" : "invalidation_under_load";
        _values[$"{prefix}_p50_ms"] = Round(r.Samples.PercentileMicros(0.5) / 1000);
        _values[$"{prefix}_p99_ms"] = Round(r.Samples.PercentileMicros(0.99) / 1000);
        _values[$"{prefix}_max_ms"] = Round(r.Samples.MaxMicros() / 1000);
        _values[$"{prefix}_samples"] = r.Samples.Count;
        _values[$"{prefix}_timeouts"] = r.TimedOut;
        _values[$"{prefix}_ycsb_b_ops_per_s"] = Math.Round(loadOpsPerSecond);
    }

    public void EventsSettled(TimeSpan lastEventAfterWorkloads) =>
        _values["events_settled_after_workloads_s"] = Round(lastEventAfterWorkloads.TotalSeconds);

    public void IdleCpu(double percentOfCore, int silos)
    {
        _values["idle_cpu_percent_of_core"] = Round(percentOfCore);
        _values["idle_cpu_percent_of_core_per_silo"] = Round(percentOfCore / silos);
    }

    public void Workload(string system, WorkloadResult r)
    {
        var prefix = (system == "fusioncache" ? "fusion_" : string.Empty) + "ycsb_" + r.Workload.ToLowerInvariant();
        _values[$"{prefix}_ops_per_s"] = Math.Round(r.OpsPerSecond);
        _values[$"{prefix}_load_p50_us"] = Round(r.Loads.PercentileMicros(0.5));
        _values[$"{prefix}_load_p99_us"] = Round(r.Loads.PercentileMicros(0.99));
        _values[$"{prefix}_load_p999_us"] = Round(r.Loads.PercentileMicros(0.999));
        _values[$"{prefix}_alter_p50_us"] = Round(r.Alters.PercentileMicros(0.5));
        _values[$"{prefix}_alter_p99_us"] = Round(r.Alters.PercentileMicros(0.99));
        _values[$"{prefix}_alter_p999_us"] = Round(r.Alters.PercentileMicros(0.999));
        _values[$"{prefix}_errors"] = r.Errors;
        if (r.LostUpdates is { } lostUpdates)
        {
            _values[$"{prefix}_lost_updates"] = lostUpdates;
        }

        if (r.HitRatio is { } ratio)
        {
            _values[$"{prefix}_hit_ratio"] = Math.Round(ratio, 4);
        }
    }

    /// <summary>Per-stage p50/p99 of the writes inside the silos during one workload.</summary>
    public void WriteStages(string workload, IReadOnlyDictionary<string, Latencies> stages)
    {
        foreach (var (stage, samples) in stages)
        {
            _values[$"ycsb_{workload.ToLowerInvariant()}_stage_{stage}_p50_us"] = Round(samples.PercentileMicros(0.5));
            _values[$"ycsb_{workload.ToLowerInvariant()}_stage_{stage}_p99_us"] = Round(samples.PercentileMicros(0.99));
            _values[$"ycsb_{workload.ToLowerInvariant()}_stage_{stage}_count"] = samples.Count;
        }
    }

    public void Propagation(string system, PropagationResult r)
    {
        var prefix = system == "fusioncache" ? "fusion_invalidation" : "invalidation";
        _values[$"{prefix}_p50_ms"] = Round(r.Samples.PercentileMicros(0.5) / 1000);
        _values[$"{prefix}_p99_ms"] = Round(r.Samples.PercentileMicros(0.99) / 1000);
        _values[$"{prefix}_max_ms"] = Round(r.Samples.MaxMicros() / 1000);
        _values[$"{prefix}_samples"] = r.Samples.Count;
        _values[$"{prefix}_timeouts"] = r.TimedOut;
    }

    public void Rest(ThroughputResult get, ThroughputResult floor, ThroughputResult redisGet, int bodyBytes, int connections)
    {
        _values["rest_floor_p50_us"] = Round(floor.Samples.PercentileMicros(0.5));
        _values["rest_floor_rps"] = Math.Round(floor.PerSecond);
        _values["rest_connections"] = connections;
        _values["rest_body_bytes"] = bodyBytes;
        _values["rest_get_p50_us"] = Round(get.Samples.PercentileMicros(0.5));
        _values["rest_get_p99_us"] = Round(get.Samples.PercentileMicros(0.99));
        _values["rest_get_rps"] = Math.Round(get.PerSecond);
        _values["rest_get_errors"] = get.Errors;
        _values["rest_redis_get_p50_us"] = Round(redisGet.Samples.PercentileMicros(0.5));
        _values["rest_redis_get_p99_us"] = Round(redisGet.Samples.PercentileMicros(0.99));
        _values["rest_redis_get_rps"] = Math.Round(redisGet.PerSecond);
    }

    /// <summary>A 304 from a held response, and a 1,000-table list served from the response cache.</summary>
    public void RestCached(ThroughputResult notModified, ThroughputResult list, int listBytes)
    {
        _values["rest_304_p50_us"] = Round(notModified.Samples.PercentileMicros(0.5));
        _values["rest_304_rps"] = Math.Round(notModified.PerSecond);
        _values["rest_304_errors"] = notModified.Errors;
        _values["rest_list_1000_p50_us"] = Round(list.Samples.PercentileMicros(0.5));
        _values["rest_list_1000_req_per_s"] = Math.Round(list.PerSecond);
        _values["rest_list_1000_body_bytes"] = listBytes;
        _values["rest_list_1000_errors"] = list.Errors;
    }

    public void Container(ContainerResult r)
    {
        _values["container_children"] = r.Children;
        _values["create_rate_first_band_per_s"] = Math.Round(r.FirstBandPerSecond);
        _values["create_rate_100k_band_per_s"] = Math.Round(r.FarBandPerSecond);
        _values["create_rate_100k_over_0"] = Round(r.FarBandPerSecond / r.FirstBandPerSecond);
        _values["container_page_1000_ms"] = Round(r.PageMillis);
    }

    public void ChangeFeed(PropagationResult r)
    {
        _values["sse_change_p50_ms"] = Round(r.Samples.PercentileMicros(0.5) / 1000);
        _values["sse_change_p99_ms"] = Round(r.Samples.PercentileMicros(0.99) / 1000);
        _values["sse_change_max_ms"] = Round(r.Samples.MaxMicros() / 1000);
        _values["sse_change_samples"] = r.Samples.Count;
        _values["sse_change_timeouts"] = r.TimedOut;
    }

    public void Micro(Dictionary<string, (double MedianNs, double AllocatedBytes)> micro)
    {
        void Put(string method, string name)
        {
            if (micro.TryGetValue(method, out var m))
            {
                _values[$"{name}_ns"] = Round(m.MedianNs);
                _values[$"{name}_allocated_bytes"] = m.AllocatedBytes;
            }
        }

        _values["micro_source"] = "BenchmarkDotNet StoreHitBenchmarks, short in-process job, median per op";
        Put("NearCacheOverLfuHit", "near_hit");
        Put("NearCacheOverLruHit", "near_lru_hit");
        Put("BitFasterLfuHit", "bitfaster_lfu_hit");
        Put("BitFasterLruHit", "bitfaster_lru_hit");
        Put("ConcurrentDictionaryHit", "dictionary_hit");
        Put("FusionCacheMemoryHit", "fusion_hit");
    }

    public void Finish(TimeSpan elapsed)
    {
        _values["load_generator_wall_s"] = Math.Round(elapsed.TotalSeconds, 1);
        Ratio("near_hit_over_bitfaster_lfu", "near_hit_ns", "bitfaster_lfu_hit_ns");
        Ratio("near_hit_over_fusion_hit", "near_hit_ns", "fusion_hit_ns");
        Ratio("miss_p50_over_redis_get_p50", "miss_p50_us", "redis_get_p50_us");
        Ratio("grain_call_p50_over_redis_get_p50", "grain_call_p50_us", "redis_get_p50_us");
        Ratio("invalidation_p50_over_fusion", "invalidation_p50_ms", "fusion_invalidation_p50_ms");
        Ratio("invalidation_p99_over_fusion", "invalidation_p99_ms", "fusion_invalidation_p99_ms");
        Ratio("rest_get_p50_over_redis_get_p50", "rest_get_p50_us", "rest_redis_get_p50_us");
        Ratio("rest_get_rps_over_redis_get_rps", "rest_get_rps", "rest_redis_get_rps");
        Ratio("rest_get_over_floor", "rest_get_rps", "rest_floor_rps");
        Ratio("sse_change_p99_over_invalidation_p99", "sse_change_p99_ms", "invalidation_p99_ms");
        Ratio("miss_p50_over_fusion_l2", "miss_p50_us", "fusion_l2_get_p50_us");
        Ratio("grain_call_p50_over_fusion_l2", "grain_call_p50_us", "fusion_l2_get_p50_us");
        Ratio("invalidation_p99_under_load_over_fusion", "invalidation_under_load_p99_ms", "fusion_invalidation_under_load_p99_ms");
        Ratio("near_hit_load_async_over_fusion_l1_hit_api", "near_hit_load_async_ns", "fusion_l1_hit_api_ns");
        Ratio("ycsb_a_over_fusion", "ycsb_a_ops_per_s", "fusion_ycsb_a_ops_per_s");
        Ratio("ycsb_b_over_fusion", "ycsb_b_ops_per_s", "fusion_ycsb_b_ops_per_s");
        Ratio("ycsb_c_over_fusion", "ycsb_c_ops_per_s", "fusion_ycsb_c_ops_per_s");
        Ratio("cpu_per_miss_over_fusion", "cpu_us_per_miss", "fusion_cpu_us_per_miss");
        Ratio("cpu_per_alter_over_fusion", "cpu_us_per_alter", "fusion_cpu_us_per_alter");
        Ratio("cpu_per_create_over_fusion", "cpu_us_per_create", "fusion_cpu_us_per_create");
        _values["targets"] = new Dictionary<string, bool?>
        {
            ["near_hit_le_1_5x_bitfaster_lfu_and_allocation_free"] = this["near_hit_over_bitfaster_lfu"] is { } r ? r <= 1.5 && this["near_hit_allocated_bytes"] == 0 : null,
            ["miss_p50_le_redis_get_p50"] = this["miss_p50_over_redis_get_p50"] is { } m ? m <= 1.0 : null,
            ["invalidation_p99_le_fusion_p99_with_idle_silo_cpu_le_5pct"] = this["invalidation_p99_over_fusion"] is { } i && this["idle_cpu_percent_of_core_per_silo"] is { } idle ? i <= 1.0 && idle <= 5.0 : null,
            ["ycsb_b_ge_fusion"] = this["ycsb_b_over_fusion"] is { } y ? y >= 1.0 : null,
            ["silo_overhead_le_2_kib"] = this["silo_overhead_bytes_per_entity"] is { } o ? o <= 2048 : null,
            ["create_rate_100k_over_0_ge_0_8"] = this["create_rate_100k_over_0"] is { } c ? c >= 0.8 : null,
            ["miss_p50_le_fusion_l2_p50"] = this["miss_p50_over_fusion_l2"] is { } f ? f <= 1.0 : null,
            ["miss_p50_le_1_2x_redis_get_p50"] = this["miss_p50_over_redis_get_p50"] is { } g ? g <= 1.2 : null,
            ["invalidation_p99_under_load_le_fusion"] = this["invalidation_p99_under_load_over_fusion"] is { } u ? u <= 1.0 : null,
            ["creates_per_s_ge_10000"] = this["creates_per_s"] is { } cps ? cps >= 10_000 : null,
            ["ycsb_a_ge_fusion"] = this["ycsb_a_over_fusion"] is { } a ? a >= 1.0 : null,
            ["silo_bytes_le_2x_serialized"] = this["silo_bytes_over_serialized"] is { } b ? b <= 2.0 : null,
            ["cpu_per_miss_le_fusion"] = this["cpu_per_miss_over_fusion"] is { } cm ? cm <= 1.0 : null,
        };
    }

    public void PrintTable()
    {
        string F(string key, string format = "F1") => this[key] is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        var rows = new (string Metric, string Ours, string Peer, string PeerName, string Ratio)[]
        {
            ("hit ns/op (median)", F("near_hit_ns"), F("bitfaster_lfu_hit_ns"), "BitFaster ConcurrentLfu", F("near_hit_over_bitfaster_lfu", "F2")),
            ("hit ns/op (median)", F("near_hit_ns"), F("fusion_hit_ns"), "FusionCache L1", F("near_hit_over_fusion_hit", "F2")),
            ("hit bytes allocated/op", F("near_hit_allocated_bytes", "F0"), F("fusion_hit_allocated_bytes", "F0"), "FusionCache L1", "-"),
            ("miss p50 us", F("miss_p50_us"), F("redis_get_p50_us"), "raw Redis GET", F("miss_p50_over_redis_get_p50", "F2")),
            ("miss p50 us", F("miss_p50_us"), F("fusion_l2_get_p50_us"), "FusionCache L1-miss/L2-hit", F("miss_p50_over_fusion_l2", "F2")),
            ("CPU us/miss, all processes", F("cpu_us_per_miss"), F("fusion_cpu_us_per_miss"), "FusionCache L2 hit", F("cpu_per_miss_over_fusion", "F2")),
            ("CPU us/alter, all processes", F("cpu_us_per_alter"), F("fusion_cpu_us_per_alter"), "FusionCache get+set", F("cpu_per_alter_over_fusion", "F2")),
            ("CPU us/create, all processes", F("cpu_us_per_create"), F("fusion_cpu_us_per_create"), "FusionCache set", F("cpu_per_create_over_fusion", "F2")),
            ("bare grain call (Exists) p50 us", F("grain_call_p50_us"), F("redis_get_p50_us"), "raw Redis GET", F("grain_call_p50_over_redis_get_p50", "F2")),
            ("hit via LoadAsync ns", F("near_hit_load_async_ns"), F("fusion_l1_hit_api_ns"), "FusionCache GetOrDefaultAsync L1", F("near_hit_load_async_over_fusion_l1_hit_api", "F2")),
            ("invalidation p99 ms, YCSB-B, 8 clients", F("invalidation_under_load_p99_ms", "F2"), F("fusion_invalidation_under_load_p99_ms", "F2"), "FusionCache backplane", F("invalidation_p99_under_load_over_fusion", "F2")),
            ("invalidation p50 ms", F("invalidation_p50_ms", "F2"), F("fusion_invalidation_p50_ms", "F2"), "FusionCache backplane", F("invalidation_p50_over_fusion", "F2")),
            ("invalidation p99 ms", F("invalidation_p99_ms", "F2"), F("fusion_invalidation_p99_ms", "F2"), "FusionCache backplane", F("invalidation_p99_over_fusion", "F2")),
            ("invalidation max ms", F("invalidation_max_ms", "F2"), F("fusion_invalidation_max_ms", "F2"), "FusionCache backplane", "-"),
            ("idle CPU % of a core per silo", F("idle_cpu_percent_of_core_per_silo"), "5.0", "target", "-"),
            ("YCSB-C ops/s", F("ycsb_c_ops_per_s", "F0"), F("fusion_ycsb_c_ops_per_s", "F0"), "FusionCache", F("ycsb_c_over_fusion", "F2")),
            ("YCSB-B ops/s", F("ycsb_b_ops_per_s", "F0"), F("fusion_ycsb_b_ops_per_s", "F0"), "FusionCache", F("ycsb_b_over_fusion", "F2")),
            ("YCSB-A ops/s", F("ycsb_a_ops_per_s", "F0"), F("fusion_ycsb_a_ops_per_s", "F0"), "FusionCache", F("ycsb_a_over_fusion", "F2")),
            ("YCSB-B load p99 us", F("ycsb_b_load_p99_us"), F("fusion_ycsb_b_load_p99_us"), "FusionCache", "-"),
            ("YCSB-B alter p50 us", F("ycsb_b_alter_p50_us", "F0"), F("fusion_ycsb_b_alter_p50_us", "F0"), "FusionCache", "-"),
            ("YCSB-A alter p50 us", F("ycsb_a_alter_p50_us", "F0"), F("fusion_ycsb_a_alter_p50_us", "F0"), "FusionCache", "-"),
            ("YCSB-A in-grain alter p50 us", F("ycsb_a_stage_alter_p50_us", "F0"), F("ycsb_a_alter_p50_us", "F0"), "client-observed alter", "-"),
            ("YCSB-A stage p50 us prep/wait/store", $"{F("ycsb_a_stage_prepare_p50_us", "F0")}/{F("ycsb_a_stage_lane_wait_p50_us", "F0")}/{F("ycsb_a_stage_storage_p50_us", "F0")}", "-", "in the grain", "-"),
            ("creates/s (populate)", F("creates_per_s", "F0"), "10000", "target", "-"),
            ("silo bytes / serialized record", F("silo_bytes_over_serialized", "F2"), "2.0", "target", "-"),
            ("YCSB-B near-cache hit ratio", F("ycsb_b_hit_ratio", "F4"), "-", "-", "-"),
            ("REST GET p50 us (64 conns)", F("rest_get_p50_us"), F("rest_redis_get_p50_us"), "Redis GET, same JSON", F("rest_get_p50_over_redis_get_p50", "F2")),
            ("REST GET p99 us (64 conns)", F("rest_get_p99_us"), F("rest_redis_get_p99_us"), "Redis GET, same JSON", "-"),
            ("REST GET req/s (64 conns)", F("rest_get_rps", "F0"), F("rest_redis_get_rps", "F0"), "Redis GET, same JSON", F("rest_get_rps_over_redis_get_rps", "F2")),
            ("REST GET req/s vs HTTP floor", F("rest_get_rps", "F0"), F("rest_floor_rps", "F0"), "GET /api/version", F("rest_get_over_floor", "F2")),
            ("REST 304 p50 us (64 conns)", F("rest_304_p50_us"), F("rest_get_p50_us"), "REST GET", "-"),
            ("REST 1,000-table list req/s", F("rest_list_1000_req_per_s", "F0"), F("rest_floor_rps", "F0"), "GET /api/version", "-"),
            ("REST GET p50 us vs client miss", F("rest_get_p50_us"), F("miss_p50_us"), ".NET client miss p50", "-"),
            ("SSE change p50 ms", F("sse_change_p50_ms", "F2"), F("invalidation_p50_ms", "F2"), ".NET client invalidation", "-"),
            ("SSE change p99 ms", F("sse_change_p99_ms", "F2"), F("invalidation_p99_ms", "F2"), ".NET client invalidation", F("sse_change_p99_over_invalidation_p99", "F2")),
            ("silo bytes/entity", F("silo_bytes_per_entity", "F0"), F("silo_record_serialized_bytes", "F0"), "serialized record", "-"),
            ("silo payload bytes/entity", F("silo_payload_bytes_per_entity", "F0"), "-", "record in memory", "-"),
            ("silo overhead bytes/entity", F("silo_overhead_bytes_per_entity", "F0"), "2048", "target", "-"),
            ("creates/s, band at 100k children", F("create_rate_100k_band_per_s", "F0"), F("create_rate_first_band_per_s", "F0"), "first band, same schema", F("create_rate_100k_over_0", "F2")),
            ("client bytes/near-cache entry", F("client_bytes_per_entry", "F0"), "-", "-", "-"),
        };
        Console.WriteLine();
        Console.WriteLine($"| {"metric",-30} | {"OrleansCache",12} | {"peer",10} | {"peer is",-24} | {"ratio",6} |");
        Console.WriteLine($"|{new string('-', 32)}|{new string('-', 14)}|{new string('-', 12)}|{new string('-', 26)}|{new string('-', 8)}|");
        foreach (var (metric, ours, peer, peerName, ratio) in rows)
        {
            Console.WriteLine($"| {metric,-30} | {ours,12} | {peer,10} | {peerName,-24} | {ratio,6} |");
        }

        Console.WriteLine();
        foreach (var (target, met) in (Dictionary<string, bool?>)_values["targets"]!)
        {
            Console.WriteLine($"target {target}: {(met is null ? "not measured" : met.Value ? "met" : "MISSED")}");
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A number that could not be measured (no samples) is written as null, not NaN.
        var values = _values.ToDictionary(pair => pair.Key, pair => pair.Value is double d && !double.IsFinite(d) ? null : pair.Value);
        File.WriteAllText(path, JsonSerializer.Serialize(values, Indented) + Environment.NewLine);
    }

    private void Ratio(string name, string numerator, string denominator)
    {
        if (this[numerator] is { } n && this[denominator] is { } d && d > 0)
        {
            _values[name] = Math.Round(n / d, 3);
        }
    }

    private static double Round(double value) => double.IsNaN(value) ? double.NaN : Math.Round(value, 3);

    private static string? ProcLine(string file, string field)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
