using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Streams;

namespace OrleansCache.Streaming.Queues;

/// <summary>Makes a <see cref="ResumingQueueCache"/> per queue, sized by <see cref="SimpleQueueCacheOptions"/>.</summary>
internal sealed class ResumingQueueAdapterCache(SimpleQueueCacheOptions options, string providerName, ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    /// <inheritdoc/>
    public IQueueCache CreateQueueCache(QueueId queueId) =>
        new ResumingQueueCache(options.CacheSize, loggerFactory.CreateLogger($"{typeof(ResumingQueueCache).FullName}.{providerName}.{queueId}"));
}
