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
public sealed class RestSilo : IAsyncDisposable
{
    private readonly SiloProcess _silo;
    private readonly IHost _client;

    private RestSilo(SiloProcess silo, IHost client, HttpClient http, int port)
    {
        _silo = silo;
        _client = client;
        Http = http;
        Port = port;
    }

    public SiloProcess Silo => _silo;

    /// <summary>The API's port.</summary>
    public int Port { get; }

    public IOrleansCacheClient Catalog => _client.Services.GetRequiredService<IOrleansCacheClient>();

    /// <summary>A client for the API (plain HTTP on 127.0.0.1) that asks for version 1, as Gravitino's clients do.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the silo with the REST API on and <paramref name="settings"/> added to its command line.</summary>
    public static async Task<RestSilo> StartAsync(params string[] settings)
    {
        var gateway = RedisServer.FreePort();
        var port = RedisServer.FreePort();
        var silo = SiloProcess.Start([
            $"--OrleansCache:GatewayPort={gateway}",
            $"--OrleansCache:SiloPort={RedisServer.FreePort()}",
            $"--OrleansCache:Rest:Port={port}",
            "--OrleansCache:Rest:ChangeFeedReconcilePeriod=00:01:00",
            .. settings]);
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var client = await SiloClients.ConnectAsync(gateway, configure: c => c.UseOrleansCache());
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.gravitino.v1+json"));
            return new RestSilo(silo, client, http, port);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
    }
}

/// <summary>One <see cref="RestSilo"/> without an upstream, shared by the collection.</summary>
public sealed class RestSiloFixture : IAsyncLifetime
{
    private RestSilo? _rest;

    private RestSilo Rest => _rest ?? throw new InvalidOperationException("Not started.");

    public SiloProcess Silo => Rest.Silo;

    public IOrleansCacheClient Catalog => Rest.Catalog;

    public HttpClient Http => Rest.Http;

    public async Task InitializeAsync() => _rest = await RestSilo.StartAsync("--OrleansCache:Telemetry:Prometheus=true");

    public async Task DisposeAsync()
    {
        if (_rest is not null)
        {
            await _rest.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestSiloCollection : ICollectionFixture<RestSiloFixture>
{
    public const string Name = "rest-silo";
}
