using Microsoft.Extensions.Options;
using OrleansCache.Grains.Hosting;
using OrleansCache.Grains.Providers;
using OrleansCache.Rest.Hosting;
using OrleansCache.Origin.Gravitino.Hosting;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;
using OrleansCache.Silo;

// The silo host: configuration from appsettings.json, environment variables (OrleansCache__Mode)
// and the command line (--OrleansCache:Mode=Redis), in that order of precedence, lowest first.
// The content root is the program folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
OperationsSettings operations;
try
{
    operations = OperationsSettings.Load(builder.Configuration);
    builder.UseOrleans(silo =>
    {
        silo.UseOrleansCache(builder.Configuration);
        if (builder.Configuration.GetValue<bool>($"{OrleansCacheSiloOptions.SectionName}:{nameof(OrleansCacheSiloOptions.KubernetesHosting)}"))
        {
            // Pod name, IP and cluster ids from the pod, and a silo whose pod is deleted is declared
            // dead at once instead of after missed probes (needs the RBAC in deploy/kubernetes).
            silo.UseKubernetesHosting();
        }

        if (builder.Configuration.GetSection(GravitinoOriginOptions.SectionName).Exists())
        {
            silo.AddGravitinoOrigin(builder.Configuration);
            builder.Services.AddHealthChecks().AddCheck<OriginReadinessCheck>("origin", tags: [Operations.ReadyTag]);
        }

        silo.AddOrleansCacheOperations(operations);
    });
    builder.AddOrleansCacheRest();
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync("OrleansCache silo: invalid configuration; the silo was not started.");
    foreach (var failure in exception.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}

var silo = OrleansCacheConfiguration.Load(builder.Configuration, OrleansCacheSiloOptions.SectionName, new OrleansCacheSiloOptionsValidator());
if (silo.Mode == StorageMode.Redis
    && await RedisConnectionCheck.FindCredentialProblemAsync(silo.Redis.ToConfigurationOptions(), TimeSpan.FromSeconds(10)) is { } problem)
{
    await Console.Error.WriteLineAsync($"OrleansCache silo: {problem} The silo was not started.");
    return 2;
}

builder.AddOrleansCacheOperations(operations);
builder.Services.AddSingleton(operations);
builder.Services.AddHostedService<StartupReport>();
await using var app = builder.Build();
app.MapOrleansCacheOperations(operations);
app.MapOrleansCacheRest();
try
{
    await app.RunAsync();
}
catch (OriginConfigurationException exception)
{
    // Running on this origin set-up would break Gravitino's writes or miss changes: refuse, like a bad setting.
    await Console.Error.WriteLineAsync($"OrleansCache silo: the origin's set-up is refused; the silo was not started. {exception.Message}");
    return 2;
}

return 0;
