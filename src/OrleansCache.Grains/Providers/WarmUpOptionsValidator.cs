using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="WarmUpOptions"/>.</summary>
internal sealed class WarmUpOptionsValidator : IValidateOptions<WarmUpOptions>
{
    private const string Section = WarmUpOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WarmUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TopEntities is < 0 or > 1_000_000)
        {
            failures.Add($"{Section}:TopEntities is {options.TopEntities}; accepted: 0 (off) to 1000000.");
        }

        if (options.FlushPeriod < TimeSpan.FromSeconds(1) || options.FlushPeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:FlushPeriod is {options.FlushPeriod}; accepted: 00:00:01 to 01:00:00.");
        }

        if (options.RecordSize < Math.Max(1, options.TopEntities))
        {
            failures.Add($"{Section}:RecordSize is {options.RecordSize}; accepted: at least 1 and at least TopEntities ({options.TopEntities}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
