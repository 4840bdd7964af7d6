using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Providers;
using OrleansCache.Streaming.Providers;
using OrleansCache.Streaming.Queues;

namespace OrleansCache.Streaming.Hosting;

/// <summary>Turns on an arrival-queue stream provider on silos and clients.</summary>
public static class ArrivalQueueStreamsExtensions
{
    /// <summary>How many queued batches a pulling agent hands one subscriber per call at most.</summary>
    public const int DeliveryBatchSize = 64;

    /// <summary>
    /// Adds the persistent-stream provider <paramref name="name"/> whose <paramref name="queues"/>
    /// queues deliver batches to subscribers as they arrive. <paramref name="resumePeriod"/> is how
    /// soon a pulling agent reads again after it paused (back pressure, or a stream it has not seen
    /// before); it does not delay ordinary delivery. Subscriptions are kept in the grain storage
    /// named <c>PubSubStore</c>, which the silo must have.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="queues"/> is below 1 or <paramref name="resumePeriod"/> is not positive.</exception>
    public static ISiloBuilder AddArrivalQueueStreams(this ISiloBuilder builder, string name, int queues, TimeSpan resumePeriod)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(queues, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resumePeriod, TimeSpan.Zero);
        AddOptions(builder.Services, name);
        builder.AddPersistentStreams(name, ArrivalQueueAdapterFactory.Create, configurator =>
        {
            configurator.Configure<HashRingStreamQueueMapperOptions>(options => options.Configure(o => o.TotalQueueCount = queues));
            configurator.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = resumePeriod;

                // A subscriber that fell behind catches up in round trips of many batches, not one each.
                o.BatchContainerBatchSize = DeliveryBatchSize;
            }));

            // After a failed read or delivery, try again within a second, not Orleans' 10-30 s.
            configurator.ConfigureBackoffProvider((_, _) => (IQueueReaderBackoffProvider)PromptBackoff.Instance);
            configurator.ConfigureBackoffProvider((_, _) => (IMessageDeliveryBackoffProvider)PromptBackoff.Instance);
        });
        return builder;
    }

    /// <summary>
    /// Adds the arrival-queue stream provider <paramref name="name"/> to a client, so it can
    /// subscribe to (and produce on) the streams the silos deliver.
    /// </summary>
    public static IClientBuilder AddArrivalQueueStreams(this IClientBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddOptions(builder.Services, name);
        builder.AddPersistentStreams(name, ArrivalQueueAdapterFactory.Create, _ => { });
        return builder;
    }

    private static void AddOptions(IServiceCollection services, string name)
    {
        services.AddOptions<ArrivalQueueOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArrivalQueueOptions>, ArrivalQueueOptionsValidator>());
    }
}
