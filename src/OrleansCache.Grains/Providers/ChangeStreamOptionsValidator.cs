using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="ChangeStreamOptions"/>.</summary>
internal sealed class ChangeStreamOptionsValidator : IValidateOptions<ChangeStreamOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ChangeStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PollPeriod < TimeSpan.FromMilliseconds(1) || options.PollPeriod > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{ChangeStreamOptions.SectionName}:{nameof(options.PollPeriod)} is {options.PollPeriod}; accepted: 00:00:00.001 to 00:00:10.");
        }

        if (options.Queues is < 1 or > 64)
        {
            failures.Add($"{ChangeStreamOptions.SectionName}:{nameof(options.Queues)} is {options.Queues}; accepted: 1 to 64.");
        }

        if (options.LogCapacity is < 16 or > 1_048_576)
        {
            failures.Add($"{ChangeStreamOptions.SectionName}:{nameof(options.LogCapacity)} is {options.LogCapacity}; accepted: 16 to 1048576.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
