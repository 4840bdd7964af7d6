using System.Diagnostics.Metrics;
using System.Globalization;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// Collects the origin feed's per-stage durations (<c>orleanscache.silo.origin.stage_duration</c>,
/// tagged by stage) while it lives, and summarizes them as p50/p99 per stage.
/// </summary>
internal sealed class StageTimings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, List<double>> _byStage = [];
    private readonly string[] _order;

    /// <param name="instrument">The histogram to collect, tagged by stage.</param>
    /// <param name="order">Its stages in pipeline order (the summary's order).</param>
    public StageTimings(string instrument = "orleanscache.silo.origin.stage_duration", params string[] order)
    {
        _order = order.Length > 0 ? order : ["received", "queued", "resolved", "applied", "confirmed"];
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var stage = tags.Length > 0 ? tags[0].Value as string ?? "?" : "?";
            lock (_byStage)
            {
                if (!_byStage.TryGetValue(stage, out var values))
                {
                    _byStage[stage] = values = [];
                }

                values.Add(value);
            }
        });
        _listener.Start();
    }

    /// <summary>"stage=p50/p99" for every stage seen, in pipeline order, then the <paramref name="extra"/> ones.</summary>
    public string Summary(params (string Stage, List<double> Values)[] extra)
    {
        lock (_byStage)
        {
            var stages = _order.Where(_byStage.ContainsKey).Select(stage => (stage, _byStage[stage])).Concat(extra);
            return string.Join(' ', stages.Select(pair =>
            {
                var sorted = pair.Item2.Order().ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{pair.Item1}={OriginBench.Percentile(sorted, 0.5):F1}/{OriginBench.Percentile(sorted, 0.99):F1} (n={sorted.Count})");
            }));
        }
    }

    public void Dispose() => _listener.Dispose();
}
