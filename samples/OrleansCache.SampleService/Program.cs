using OrleansCache.Client.Hosting;
using OrleansCache.SampleService;

// A service that reads table metadata through OrleansCache: one call connects it (settings in
// appsettings.json, section OrleansCache:Client), one endpoint serves tables from the near cache.
var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansCacheClient();
var app = builder.Build();
app.MapTableEndpoints();
app.Run();

/// <summary>The sample service's entry point (public for its integration tests).</summary>
public partial class Program;
