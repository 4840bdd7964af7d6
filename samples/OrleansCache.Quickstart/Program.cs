using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCache.Changes;
using OrleansCache.Client;
using OrleansCache.Client.Hosting;
using OrleansCache.Entities;
using OrleansCache.Naming;

var builder = Host.CreateApplicationBuilder(args);      // or WebApplication.CreateBuilder(args)
builder.Logging.AddFilter("Orleans.", LogLevel.Error);   // Orleans logs its options and each failed connect
builder.AddOrleansCacheClient(options =>                 // near cache: section "OrleansCache:Client"
{
    options.MaxEntries = 200_000;
    // options.PreloadScopes = ["lake.sales"];           // existing scopes, loaded before start-up completes
});
using var host = builder.Build();
await host.StartAsync();                                 // the embedded silo on localhost:30000 unless
                                                         // OrleansCache:Client:Cluster says otherwise
var catalog = host.Services.GetRequiredService<IOrleansCacheClient>();
var table = EntityKey.Table("lake", "sales", "orders", "items");    // naming rules checked here
var schema = table.Parent;
await catalog.CreateAsync(schema.Parent.Parent, new MetalakePayload());
await catalog.CreateAsync(schema.Parent, new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" });
await catalog.CreateAsync(schema, new SchemaPayload());
await catalog.CreateAsync(table, new TablePayload { Columns = [new Column { Name = "id", DataType = "bigint" }] });

var record = await catalog.LoadAsync(table);                        // near-cache hit after the first read
Console.WriteLine($"{record.Key} v{record.Version}: {string.Join(", ", ((TablePayload)record.Payload).Columns.Select(c => $"{c.Name} {c.DataType}"))}");
await catalog.AlterAsync(table, [new RenameEntity("items_v2")], new WriteOptions { ExpectedVersion = record.Version });
Console.WriteLine($"renamed to {table.WithName("items_v2")}");
await catalog.DropAsync(schema.Parent.Parent, cascade: true);       // the whole metalake, so the program runs again
await host.StopAsync();
