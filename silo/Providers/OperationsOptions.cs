namespace OrleansCache.Silo.Providers;

/// <summary>
/// The silo's HTTP endpoint (configuration section <c>OrleansCache:Http</c>): the health probes
/// <c>/health/live</c> and <c>/health/ready</c>, and <c>/metrics</c> when
/// <see cref="TelemetryOptions.Prometheus"/> is on. It listens on every address, as probes and
/// scrapers come from outside the pod.
/// </summary>
internal sealed class HttpEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Http";

    /// <summary>The port. Default 8080; 1 to 65535.</summary>
    public int Port { get; set; } = 8080;
}

/// <summary>Metrics and traces (configuration section <c>OrleansCache:Telemetry</c>).</summary>
internal sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Telemetry";

    /// <summary>True: serve metrics for Prometheus at <c>/metrics</c> on the HTTP port. Default false.</summary>
    public bool Prometheus { get; set; }

    /// <summary>An OTLP collector (for example <c>http://otel-collector:4317</c>) that metrics and traces are exported to. Unset: no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> resource attribute. Default <c>orleanscache-silo</c>.</summary>
    public string ServiceName { get; set; } = "orleanscache-silo";
}

/// <summary>
/// The Orleans dashboard (configuration section <c>OrleansCache:Dashboard</c>). It has no
/// authentication of its own, so it is off by default and, when on, listens on loopback only unless
/// <see cref="Host"/> says otherwise (reach it with <c>kubectl port-forward</c>).
/// </summary>
internal sealed class SiloDashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansCache:Dashboard";

    /// <summary>True: serve the dashboard. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The address it listens on. Default <c>127.0.0.1</c>; any other address exposes it without authentication, and the silo warns.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port. Default 8081; 1 to 65535, not the HTTP port.</summary>
    public int Port { get; set; } = 8081;
}
