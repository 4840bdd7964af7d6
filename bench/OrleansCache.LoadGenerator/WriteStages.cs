using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The silos' per-stage timings of entity writes (<c>orleanscache.silo.write.stage.duration</c>,
/// recorded inside the grains), collected while a workload runs: where an alter's milliseconds go.
/// The silos run in this process, so a listener sees them directly.
/// </summary>
internal sealed class WriteStages : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, Latencies> _stages = [];
    private readonly Lock _lock = new();

    public WriteStages()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OrleansCache.Silo" && instrument.Name == "orleanscache.silo.write.stage.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && tag.Value is string stage)
                {
                    lock (_lock)
                    {
                        if (!_stages.TryGetValue(stage, out var samples))
                        {
                            _stages[stage] = samples = new Latencies();
                        }

                        samples.Add((long)(seconds * Stopwatch.Frequency));
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The samples per stage so far.</summary>
    public IReadOnlyDictionary<string, Latencies> Stages
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, Latencies>(_stages);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
