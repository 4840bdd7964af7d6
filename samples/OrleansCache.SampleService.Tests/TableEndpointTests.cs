using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;
using OrleansCache.Changes;
using OrleansCache.Naming;
using OrleansCache.SampleService;
using OrleansCache.TestKit;
using OrleansCache.TestKit.Hosting;

namespace OrleansCache.SampleService.Tests;

/// <summary>
/// The sample service, started as it runs (its own OrleansCache client from configuration),
/// against a TestCluster with OrleansCache in it: what the service answers, and that a change made
/// elsewhere reaches it.
/// </summary>
public sealed class TableEndpointTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private WebApplicationFactory<Program> _service = null!;

    public async Task InitializeAsync()
    {
        // Real sockets, not the test cluster's in-memory transport: the service connects as it would in production.
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddOrleansCache();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var endpoint = _cluster.Primary?.GatewayAddress?.Endpoint ?? throw new InvalidOperationException("The test cluster's primary silo has no gateway.");
        var gateway = string.Create(CultureInfo.InvariantCulture, $"{endpoint.Address}:{endpoint.Port}");
        _service = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("OrleansCache:Client:Cluster:Gateways:0", gateway)
            .UseSetting("OrleansCache:Client:Cluster:ClusterId", _cluster.Options.ClusterId)
            .UseSetting("OrleansCache:Client:Cluster:ServiceId", _cluster.Options.ServiceId));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task The_service_serves_a_table_and_then_its_change()
    {
        var table = (await _cluster.OrleansCache().SeedAsync("shop.sales.orders.items(id bigint, sku string)"))[0];
        using var http = _service.CreateClient();

        var first = await http.GetFromJsonAsync<TableView>("/tables/shop/sales/orders/items");
        Assert.Equal("shop.sales.orders.items", first!.Name);
        Assert.Equal(["id", "sku"], first.Columns.Select(column => column.Name));

        var altered = await _cluster.OrleansCache().AlterAsync(table, [new UpdateComment("changed")]);

        // The service's own near cache learns of the change by its event; poll the endpoint, no sleeps.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var now = await http.GetFromJsonAsync<TableView>("/tables/shop/sales/orders/items");
        while (now!.Version != altered.Version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            now = await http.GetFromJsonAsync<TableView>("/tables/shop/sales/orders/items");
        }

        Assert.Equal(altered.Version, now.Version);
        Assert.Equal("changed", now.Comment);
    }

    [Fact]
    public async Task A_missing_table_is_404_and_a_bad_name_is_400()
    {
        await _cluster.OrleansCache().SeedAsync("shop.sales.orders");
        using var http = _service.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/tables/shop/sales/orders/missing")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/tables/shop/system/orders/items")).StatusCode);
        Assert.False(await _cluster.OrleansCache().ExistsAsync(EntityKey.Table("shop", "sales", "orders", "missing")));
    }
}
