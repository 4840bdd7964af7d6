using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansCache.Silo.Providers;

/// <summary>Validates <see cref="HttpEndpointOptions"/>.</summary>
internal sealed class HttpEndpointOptionsValidator : IValidateOptions<HttpEndpointOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HttpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionChecks.Port(options.Port, $"{HttpEndpointOptions.SectionName}:Port", failures);
        return OptionChecks.Result(failures);
    }
}

/// <summary>Validates <see cref="TelemetryOptions"/>.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.OtlpEndpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"{TelemetryOptions.SectionName}:OtlpEndpoint is '{endpoint}'; accepted: an absolute http:// or https:// address, for example http://otel-collector:4317.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add($"{TelemetryOptions.SectionName}:ServiceName is required; accepted: a non-empty name.");
        }

        return OptionChecks.Result(failures);
    }
}

/// <summary>Validates <see cref="SiloDashboardOptions"/>.</summary>
internal sealed class SiloDashboardOptionsValidator : IValidateOptions<SiloDashboardOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SiloDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Host, out _))
        {
            failures.Add($"{SiloDashboardOptions.SectionName}:Host is '{options.Host}'; accepted: an IP address (127.0.0.1 keeps it private, 0.0.0.0 exposes it).");
        }

        OptionChecks.Port(options.Port, $"{SiloDashboardOptions.SectionName}:Port", failures);
        return OptionChecks.Result(failures);
    }
}

internal static class OptionChecks
{
    public static void Port(int port, string setting, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{setting} is {port}; accepted: 1 to 65535.");
        }
    }

    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
