using OrleansCache.Grains.Hosting;
using OrleansCache.Silo.Providers;

namespace OrleansCache.Silo;

/// <summary>
/// The validated settings of the silo's operational surface: HTTP endpoint, telemetry and dashboard.
/// Loaded before the host is built because they shape it (listeners, dashboard, exporters).
/// </summary>
internal sealed record OperationsSettings(HttpEndpointOptions Http, TelemetryOptions Telemetry, SiloDashboardOptions Dashboard)
{
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid.</exception>
    public static OperationsSettings Load(IConfiguration configuration)
    {
        var settings = new OperationsSettings(
            OrleansCacheConfiguration.Load(configuration, HttpEndpointOptions.SectionName, new HttpEndpointOptionsValidator()),
            OrleansCacheConfiguration.Load(configuration, TelemetryOptions.SectionName, new TelemetryOptionsValidator()),
            OrleansCacheConfiguration.Load(configuration, SiloDashboardOptions.SectionName, new SiloDashboardOptionsValidator()));
        if (settings.Dashboard.Enabled && settings.Dashboard.Port == settings.Http.Port)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                SiloDashboardOptions.SectionName,
                typeof(SiloDashboardOptions),
                [$"{SiloDashboardOptions.SectionName}:Port and {HttpEndpointOptions.SectionName}:Port are both {settings.Http.Port}; they must differ."]);
        }

        return settings;
    }
}
