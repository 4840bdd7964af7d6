using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Hosting;
using OrleansCache.Silo;

// The silo host: configuration from appsettings.json, environment variables (OrleansCache__Mode)
// and the command line (--OrleansCache:Mode=Redis), in that order of precedence, lowest first.
// The content root is the program folder, so appsettings.json is found whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.UseOrleans(silo => silo.UseOrleansCache(builder.Configuration));
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

builder.Services.AddHostedService<StartupReport>();
using var host = builder.Build();
await host.RunAsync();
return 0;
