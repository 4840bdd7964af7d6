using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using OrleansCache.Grains.Diagnostics;

namespace OrleansCache.Silo;

/// <summary>
/// Wires the operational surface: health probes and the Prometheus scrape on the HTTP port,
/// OpenTelemetry export, and the Orleans dashboard on its own (loopback by default) listener.
/// </summary>
internal static class Operations
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    internal const string ReadyTag = "ready";
    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static ISiloBuilder AddOrleansCacheOperations(this ISiloBuilder silo, OperationsSettings settings)
    {
        silo.AddActivityPropagation();
        if (settings.Dashboard.Enabled)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    public static WebApplicationBuilder AddOrleansCacheOperations(this WebApplicationBuilder builder, OperationsSettings settings)
    {
        // Start the HTTP listener together with the silo, not after it: liveness answers while the
        // silo joins, and readiness says why it is not ready yet.
        builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(settings.Http.Port);
            if (settings.Dashboard.Enabled)
            {
                kestrel.Listen(IPAddress.Parse(settings.Dashboard.Host), settings.Dashboard.Port);
            }
        });

        builder.Services.AddHostedService<SiloStopsFirst>();
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);
        AddTelemetry(builder, settings);
        return builder;
    }

    public static WebApplication MapOrleansCacheOperations(this WebApplication app, OperationsSettings settings)
    {
        var http = $"*:{settings.Http.Port}";
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).RequireHost(http);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        }).RequireHost(http);
        if (settings.Telemetry.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost(http);
        }

        if (settings.Dashboard.Enabled)
        {
            app.MapOrleansDashboard().RequireHost($"*:{settings.Dashboard.Port}");
        }

        return app;
    }

    private static void AddTelemetry(WebApplicationBuilder builder, OperationsSettings settings)
    {
        var telemetry = settings.Telemetry;
        var otlp = telemetry.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        if (!telemetry.Prometheus && otlp is null)
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", SiloMetrics.MeterName, OrleansCache.Rest.Diagnostics.RestMetrics.MeterName);
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(OrleansActivitySources)
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(entry => $"{entry.Key}: {entry.Value.Status} {entry.Value.Description}".TrimEnd());
        return context.Response.WriteAsync($"{report.Status}\n{string.Join('\n', lines)}\n");
    }
}
