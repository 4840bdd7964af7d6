using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Providers;
using OrleansCache.Events;
using OrleansCache.Streaming.Queues;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Streaming;

/// <summary>
/// A pulling agent whose read or delivery failed tries again within a second. Orleans' own waits
/// (10–20 s between reads, up to 30 s between deliveries) stopped push for a whole queue after one
/// failed read while a silo died or joined: every event of its metalakes then reached clients only
/// through reconciliation.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(InMemoryClusterCollection.Name)]
public sealed class StreamBackoffTests(InMemoryClusterFixture fixture)
{
    [Fact]
    public void The_change_stream_provider_retries_reads_and_deliveries_promptly()
    {
        var services = fixture.Cluster.Silos[0].SiloHost.Services;

        var reads = services.GetRequiredKeyedService<IQueueReaderBackoffProvider>(ChangeStreams.ProviderName);
        var deliveries = services.GetRequiredKeyedService<IMessageDeliveryBackoffProvider>(ChangeStreams.ProviderName);

        foreach (var backoff in new Orleans.Internal.IBackoffProvider[] { reads, deliveries })
        {
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var wait = backoff.Next(attempt);
                Assert.InRange(wait, TimeSpan.FromMilliseconds(1), PromptBackoff.Longest);
            }
        }
    }

    [Fact]
    public void The_first_retry_comes_within_the_first_step_and_waits_grow_to_the_longest()
    {
        Assert.InRange(PromptBackoff.Instance.Next(0), PromptBackoff.First / 2, PromptBackoff.First);
        Assert.InRange(PromptBackoff.Instance.Next(30), PromptBackoff.Longest / 2, PromptBackoff.Longest);
    }
}
