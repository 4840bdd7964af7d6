using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Client.Providers;
using OrleansCache.Naming;

namespace OrleansCache.Client.Preloading;

/// <summary>
/// Loads the configured scopes into the near cache while the host starts, so the service's first
/// reads are hits. Start-up fails if a scope does not exist or preloading takes too long.
/// </summary>
internal sealed partial class Preloader : IHostedService
{
    private const int Parallelism = 16;

    private readonly IOrleansCacheClient _client;
    private readonly NearCacheOptions _options;
    private readonly ILogger<Preloader> _logger;

    public Preloader(IOrleansCacheClient client, IOptions<NearCacheOptions> options, ILogger<Preloader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.PreloadScopes.Count == 0 || !_options.Enabled)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PreloadTimeout);
        foreach (var scope in _options.PreloadScopes)
        {
            if (!PreloadScope.TryParse(scope, out var root, out var error))
            {
                throw new InvalidOperationException($"{NearCacheOptions.SectionName}:PreloadScopes has '{scope}': {error}");
            }

            var loaded = await PreloadAsync(root, timeout.Token);
            LogPreloaded(_logger, scope, loaded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Loads <paramref name="root"/> and everything under it, level by level; returns how many entities were loaded.</summary>
    private async Task<int> PreloadAsync(EntityKey root, CancellationToken cancellationToken)
    {
        await _client.LoadAsync(root);
        var loaded = 1;
        List<EntityKey> level = [root];
        while (level.Count > 0)
        {
            var next = new List<EntityKey>();
            foreach (var container in level.Where(key => key.IsContainer))
            {
                foreach (var kind in EntityHierarchy.ChildKinds(container.Kind))
                {
                    next.AddRange(await _client.ListAsync(container, kind).WaitAsync(cancellationToken));
                }
            }

            await Parallel.ForEachAsync(
                next,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (key, _) => await _client.FindAsync(key));
            loaded += next.Count;
            level = next;
        }

        return loaded;
    }

    [LoggerMessage(1, LogLevel.Information, "Preloaded {Count} entities of scope '{Scope}' into the near cache.")]
    private static partial void LogPreloaded(ILogger logger, string scope, int count);
}
