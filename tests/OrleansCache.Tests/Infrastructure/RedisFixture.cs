namespace OrleansCache.Tests.Infrastructure;

/// <summary>One real redis-server shared by every test in <see cref="RedisCollection"/>.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    /// <summary>The server.</summary>
    public RedisServer Server => _server ?? throw new InvalidOperationException("Redis is not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests against a real redis-server; run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "redis";
}
