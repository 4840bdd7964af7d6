using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansCache.Streaming.Providers;

namespace OrleansCache.Streaming.Queues;

/// <summary>
/// The queue adapter of an arrival-queue stream provider: producers put each batch on the
/// <see cref="IArrivalQueueGrain"/> of its stream's queue, and each silo's pulling agent waits on
/// the queues it owns (see <see cref="ArrivalQueueReceiver"/>). Batches are cached in Orleans'
/// <see cref="SimpleQueueCache"/> until every subscriber has them.
/// </summary>
internal sealed class ArrivalQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter
{
    private readonly IGrainFactory _grains;
    private readonly IStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly TimeSpan _readerWait;
    private readonly IStreamFailureHandler _failureHandler = new NoOpStreamDeliveryFailureHandler();

    private ArrivalQueueAdapterFactory(string name, IGrainFactory grains, IStreamQueueMapper mapper, SimpleQueueAdapterCache cache, TimeSpan readerWait)
    {
        Name = name;
        _grains = grains;
        _mapper = mapper;
        _cache = cache;
        _readerWait = readerWait;
    }

    /// <summary>
    /// Creates the factory of the provider <paramref name="name"/> from its named options
    /// (<see cref="HashRingStreamQueueMapperOptions"/>, <see cref="SimpleQueueCacheOptions"/> and
    /// <see cref="ArrivalQueueOptions"/>); the signature Orleans' <c>AddPersistentStreams</c> expects.
    /// </summary>
    public static ArrivalQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var mapper = new HashRingBasedStreamQueueMapper(services.GetOptionsByName<HashRingStreamQueueMapperOptions>(name), name);
        var cache = new SimpleQueueAdapterCache(services.GetOptionsByName<SimpleQueueCacheOptions>(name), name, services.GetRequiredService<ILoggerFactory>());
        var wait = services.GetOptionsByName<ArrivalQueueOptions>(name).ReaderWait;
        return new ArrivalQueueAdapterFactory(name, services.GetRequiredService<IGrainFactory>(), mapper, cache, wait);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool IsRewindable => false;

    /// <inheritdoc/>
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <inheritdoc/>
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(this);

    /// <inheritdoc/>
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc/>
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <inheritdoc/>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult(_failureHandler);

    /// <inheritdoc/>
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new ArrivalQueueReceiver(Queue(queueId), _readerWait);

    /// <inheritdoc/>
    /// <exception cref="ArrivalQueueFullException">The stream's queue is full; nothing was queued.</exception>
    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("Arrival queues are not rewindable; a producer cannot give a sequence token.", nameof(token));
        }

        var batch = new ChangeBatch(streamId, [.. events.Cast<object>()], requestContext, 0);
        return batch.Events.Length == 0 ? Task.CompletedTask : Queue(_mapper.GetQueueForStream(streamId)).Enqueue(batch);
    }

    private IArrivalQueueGrain Queue(QueueId queueId) => _grains.GetGrain<IArrivalQueueGrain>($"{Name}/{queueId}");
}
