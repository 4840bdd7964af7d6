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

// Orleans' watchdog starts its platform thread before it stamps the component check, so its first
// look reports "Participant check thread has not completed for <the machine's uptime>" in many
// starts: noise that reads like a deadlock. Its warnings count from 15 s into the process, when a
// stall it reports is real; the stalls themselves still reach Orleans' silo health score.
var processStarted = Environment.TickCount64;

// A start-up failure is said once, below, in one message that names the setting; the host's own
// "Hosting failed to start" log would repeat it with a stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
builder.Logging.AddFilter("Orleans.Runtime.Watchdog", level =>
    level >= LogLevel.Error || (level >= LogLevel.Information && Environment.TickCount64 - processStarted > 15_000));
try
{
    // Loaded before the host is built only where a setting shapes it: the operational surface
    // (listeners, dashboard) here, the mode and endpoints inside UseOrleansCache (which validates
    // them), Kubernetes hosting and the Redis connection checked below (read from the same,
    // validated section). The rest is bound and validated when the host starts.
    var operations = OperationsSettings.Load(builder.Configuration);
    OrleansCacheSiloOptions silo = new();
    builder.UseOrleans(orleans =>
    {
        orleans.UseOrleansCache(builder.Configuration);
        builder.Configuration.GetSection(OrleansCacheSiloOptions.SectionName).Bind(silo);
        if (silo.KubernetesHosting)
        {
            // Pod name, IP and cluster ids from the pod, and a silo whose pod is deleted is declared
            // dead at once instead of after missed probes (needs the RBAC in deploy/kubernetes).
            orleans.UseKubernetesHosting();
        }

        if (builder.Configuration.GetSection(GravitinoOriginOptions.SectionName).Exists())
        {
            orleans.AddGravitinoOrigin(builder.Configuration);
            builder.Services.AddHealthChecks().AddCheck<OriginReadinessCheck>("origin", tags: [Operations.ReadyTag]);
        }

        orleans.AddOrleansCacheOperations(operations);
    });
    builder.AddOrleansCacheRest();

    if (ListenerPorts.FindTaken(silo, operations, builder.Configuration) is { } taken)
    {
        await Console.Error.WriteLineAsync(
            $"OrleansCache silo: {taken.Setting} is {taken.Port}, a port another process already listens on (or this user may not use); choose a free one, for example --{taken.Setting}=<port>. The silo was not started.");
        return 2;
    }

    if (silo.Mode == StorageMode.Redis
        && await RedisConnectionCheck.FindConnectionProblemAsync(silo.Redis.ToConfigurationOptions(), TimeSpan.FromSeconds(5)) is { } problem)
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
    await app.RunAsync();
    return 0;
}
catch (OriginConfigurationException exception)
{
    // An origin set-up that would break Gravitino's writes or miss changes, settings PostgreSQL
    // refuses, or a PostgreSQL that does not answer: refused, like a bad setting.
    await Console.Error.WriteLineAsync($"OrleansCache silo: the origin check failed; the silo was not started. {exception.Message}");
    return 2;
}
catch (InvalidOperationException exception) when (exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // The binder's words name the value, the setting and the .NET type ("… 'Redsi' at 'OrleansCache:Mode' to type …"):
    // said as every other bad setting is, without the type.
    await Console.Error.WriteLineAsync($"OrleansCache silo: invalid configuration; the silo was not started.{Environment.NewLine}  - {Unconvertible(exception)}");
    return 2;
}
catch (OptionsValidationException exception)
{
    // Before the build, or at start (ValidateOnStart): either way nothing was served.
    await Console.Error.WriteLineAsync("OrleansCache silo: invalid configuration; the silo was not started.");
    foreach (var failure in exception.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}

// "<setting> is '<value>'; accepted: …" for a value the binder could not convert (the accepted
// values for a setting of an enum type; otherwise the kind of value expected).
static string Unconvertible(InvalidOperationException exception)
{
    var match = System.Text.RegularExpressions.Regex.Match(exception.Message, "^Failed to convert configuration value '(?<value>.*)' at '(?<setting>[^']+)' to type '(?<type>[^']+)'");
    if (!match.Success)
    {
        return exception.Message;
    }

    var typeName = match.Groups["type"].Value;
    var type = typeof(StorageMode).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.FullName == typeName);
    var accepted = type is not null ? string.Join(", ", Enum.GetNames(type)) : typeName switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:05",
        "System.Double" => "a number",
        _ => $"a value of type {typeName.Split('.')[^1]}",
    };
    return $"{match.Groups["setting"].Value} is '{match.Groups["value"].Value}'; accepted: {accepted}.";
}
