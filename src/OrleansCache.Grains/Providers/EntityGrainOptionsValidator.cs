using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="EntityGrainOptions"/> at start-up.</summary>
internal sealed class EntityGrainOptionsValidator : IValidateOptions<EntityGrainOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EntityGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxPayloadBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{EntityGrainOptions.SectionName}:{nameof(options.MaxPayloadBytes)} is {options.MaxPayloadBytes}; accepted: 1024 to 67108864.");
        }

        if (options.CascadeParallelism is < 1 or > 1024)
        {
            failures.Add($"{EntityGrainOptions.SectionName}:{nameof(options.CascadeParallelism)} is {options.CascadeParallelism}; accepted: 1 to 1024.");
        }

        if (options.StorageTimeout < TimeSpan.FromMilliseconds(100) || options.StorageTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{EntityGrainOptions.SectionName}:{nameof(options.StorageTimeout)} is {options.StorageTimeout}; accepted: 00:00:00.100 to 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
