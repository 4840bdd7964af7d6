using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Rest;

/// <summary>
/// The real silo program (embedded mode) with the REST API on a free port, a .NET client with its
/// near cache connected to its gateway, and an <see cref="HttpClient"/> on the API. The change feed's
/// reconciliation is slowed to a minute, so events it sends come from the change stream.
/// </summary>
public sealed class RestSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private IHost? _client;

    public int RestPort { get; } = RedisServer.FreePort();

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");

    public IOrleansCacheClient Catalog => _client!.Services.GetRequiredService<IOrleansCacheClient>();

    public HttpClient Http { get; private set; } = default!;

    /// <summary>Extra command-line settings for the silo.</summary>
    internal static string[] Settings(int restPort, int gateway) =>
    [
        $"--OrleansCache:GatewayPort={gateway}",
        $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
        $"--OrleansCache:Rest:Port={restPort}",
        "--OrleansCache:Rest:ChangeFeedReconcilePeriod=00:01:00",
    ];

    public async Task InitializeAsync()
    {
        var gateway = RedisServer.FreePort();
        _silo = SiloProcess.Start(Settings(RestPort, gateway));
        await _silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        _client = await SiloClients.ConnectAsync(gateway, configure: client => client.UseOrleansCache());
        Http = Api(RestPort);
    }

    /// <summary>A client for the API on <paramref name="port"/> that asks for version 1, as Gravitino's clients do.</summary>
    internal static HttpClient Api(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.gravitino.v1+json"));
        return http;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestSiloCollection : ICollectionFixture<RestSiloFixture>
{
    public const string Name = "rest-silo";
}
