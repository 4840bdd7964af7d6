using System.Diagnostics.Metrics;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Events;
using OrleansCache.Tests.NearCacheUnit;

namespace OrleansCache.Tests.Operations;

/// <summary>The client's invalidation-lag histogram, read the way an exporter reads it.</summary>
[Trait("Category", "Unit")]
public sealed class InstrumentTests
{
    [Fact]
    public void A_received_event_records_its_lag_from_the_moment_the_change_became_durable()
    {
        using var metrics = new NearCacheMetrics();
        var cache = NearCacheTestData.NewCache(metrics);
        var lags = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NearCacheMetrics.MeterName && instrument.Name == "orleanscache.client.events.lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (lags)
            {
                lags.Add(value);
            }
        });
        listener.Start();

        var key = NearCacheTestData.Table(1);
        cache.Apply(new EntityChanged { Key = key, Change = ChangeKind.Altered, Version = 2, At = DateTimeOffset.UtcNow.AddSeconds(-2) });

        // Other tests may record on the same meter name at the same time; this event's lag is among them.
        lock (lags)
        {
            Assert.Contains(lags, lag => lag is >= 2 and < 60);
        }

        Assert.Equal(1, metrics.EventsReceived);
    }
}
