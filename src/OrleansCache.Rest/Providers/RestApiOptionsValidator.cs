using Microsoft.Extensions.Options;

namespace OrleansCache.Rest.Providers;

/// <summary>Validates <see cref="RestApiOptions"/>; every failure names the setting and what it accepts.</summary>
internal sealed partial class RestApiOptionsValidator : IValidateOptions<RestApiOptions>
{
    private const string Section = RestApiOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RestApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Port is { } port and (< 1 or > 65535))
        {
            failures.Add($"{Section}:Port is {port}; accepted: 1 to 65535 (unset turns the REST API off).");
        }

        if (options.Upstream is { } upstream
            && (!Uri.TryCreate(upstream, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
        {
            failures.Add($"{Section}:Upstream is '{upstream}'; accepted: an absolute http:// or https:// address of a Gravitino server, without a query, for example http://gravitino:8090.");
        }

        if (options.RequireAuth && string.IsNullOrWhiteSpace(options.Upstream))
        {
            failures.Add($"{Section}:RequireAuth is true but {Section}:Upstream is not set; accepted: an Upstream, since only the Gravitino server can tell which credentials may read what.");
        }

        if (string.IsNullOrWhiteSpace(options.GravitinoVersion) || !VersionPattern().IsMatch(options.GravitinoVersion))
        {
            failures.Add($"{Section}:GravitinoVersion is '{options.GravitinoVersion}'; accepted: a version such as 1.0.0 or 1.1.0-SNAPSHOT.");
        }

        Range(options.AuthCheckTtl, TimeSpan.Zero, TimeSpan.FromMinutes(10), "AuthCheckTtl", "00:00:00 to 00:10:00", failures);
        Range(options.ChangeFeedReconcilePeriod, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "ChangeFeedReconcilePeriod", "00:00:00.010 to 00:01:00", failures);
        Range(options.ChangeFeedHeartbeat, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "ChangeFeedHeartbeat", "00:00:01 to 00:10:00", failures);
        var cache = options.ResponseCache;
        if (cache.MaxEntries is < 16 or > 10_000_000)
        {
            failures.Add($"{Section}:ResponseCache:MaxEntries is {cache.MaxEntries}; accepted: 16 to 10000000.");
        }

        if (cache.MaxBytes is < 1024 * 1024 or > 64L * 1024 * 1024 * 1024)
        {
            failures.Add($"{Section}:ResponseCache:MaxBytes is {cache.MaxBytes}; accepted: 1048576 (1 MiB) to 68719476736 (64 GiB).");
        }

        if (cache.CompressionMinBytes is < 0 or > 64 * 1024 * 1024)
        {
            failures.Add($"{Section}:ResponseCache:CompressionMinBytes is {cache.CompressionMinBytes}; accepted: 0 (off) to 67108864.");
        }

        Range(cache.StalenessBound, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), "ResponseCache:StalenessBound", "00:00:00.100 to 00:01:00", failures);
        RestSecurityValidation.Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+\.\d+\.\d+([-.][0-9A-Za-z.-]+)?$")]
    private static partial System.Text.RegularExpressions.Regex VersionPattern();

    private static void Range(TimeSpan value, TimeSpan min, TimeSpan max, string setting, string accepted, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Section}:{setting} is {value}; accepted: {accepted}.");
        }
    }
}
