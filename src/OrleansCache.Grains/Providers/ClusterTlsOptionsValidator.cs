using OrleansCache.Security;
using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="HttpEndpointOptions"/>.</summary>
public sealed class HttpEndpointOptionsValidator : IValidateOptions<HttpEndpointOptions>
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
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
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
public sealed class SiloDashboardOptionsValidator : IValidateOptions<SiloDashboardOptions>
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

/// <summary>Validates <see cref="ClusterTlsOptions"/>: the files it names must exist.</summary>
public sealed class ClusterTlsOptionsValidator : IValidateOptions<ClusterTlsOptions>
{
    private const string Section = ClusterTlsOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            failures.Add($"{Section}:CertificatePath is required when {Section}:Enabled is true; accepted: a PKCS#12 (.pfx) file with the private key.");
        }
        else if (!File.Exists(options.CertificatePath))
        {
            failures.Add($"{Section}:CertificatePath is '{options.CertificatePath}'; no such file.");
        }

        if (options.TrustedCertificatePath is { } trusted && !File.Exists(trusted))
        {
            failures.Add($"{Section}:TrustedCertificatePath is '{trusted}'; no such file.");
        }

        if (!Enum.IsDefined(options.ClientCertificateMode))
        {
            failures.Add($"{Section}:ClientCertificateMode is '{options.ClientCertificateMode}'; accepted: NoCertificate, AllowCertificate, RequireCertificate.");
        }

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
