using OrleansCache.Security;
using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="ClusterTlsOptions"/>: the files it names must exist.</summary>
internal sealed class ClusterTlsOptionsValidator : IValidateOptions<ClusterTlsOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
