using Microsoft.Extensions.Options;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Client.Providers;

/// <summary>Validates <see cref="NearCacheOptions"/> at start-up; each failure names the setting and what it accepts.</summary>
internal sealed class NearCacheOptionsValidator : IValidateOptions<NearCacheOptions>
{
    private const string Section = NearCacheOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, NearCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxEntries is < 16 or > 100_000_000)
        {
            failures.Add($"{Section}:MaxEntries is {options.MaxEntries}; accepted: 16 to 100000000.");
        }

        if (!Enum.IsDefined(options.Store))
        {
            failures.Add($"{Section}:Store is '{options.Store}'; accepted: Lfu, Lru.");
        }

        CheckTtl(options.TimeToLive, $"{Section}:TimeToLive", failures);
        foreach (var (kind, ttl) in options.TimeToLiveByKind)
        {
            CheckTtl(ttl, $"{Section}:TimeToLiveByKind:{kind}", failures);
        }

        if (options.NegativeTimeToLive < TimeSpan.Zero || options.NegativeTimeToLive > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:NegativeTimeToLive is {options.NegativeTimeToLive}; accepted: 00:00:00 to 01:00:00.");
        }

        if (options.StalenessBound < TimeSpan.FromMilliseconds(100) || options.StalenessBound > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:StalenessBound is {options.StalenessBound}; accepted: 00:00:00.100 to 00:01:00.");
        }

        if (options.FailSafeMaxAge < TimeSpan.Zero || options.FailSafeMaxAge > TimeSpan.FromDays(7))
        {
            failures.Add($"{Section}:FailSafeMaxAge is {options.FailSafeMaxAge}; accepted: 00:00:00 (off) to 7.00:00:00.");
        }

        if (options.MaxPayloadBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{Section}:MaxPayloadBytes is {options.MaxPayloadBytes}; accepted: 1024 to 67108864.");
        }

        CheckCallTimeout(options.ReadTimeout, $"{Section}:ReadTimeout", failures);
        CheckCallTimeout(options.WriteTimeout, $"{Section}:WriteTimeout", failures);
        if (options.PreloadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:PreloadTimeout is {options.PreloadTimeout}; accepted: more than 00:00:00.");
        }

        foreach (var scope in options.PreloadScopes)
        {
            if (PreloadScope.TryParse(scope, out _, out var error))
            {
                continue;
            }

            failures.Add($"{Section}:PreloadScopes has '{scope}': {error}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCallTimeout(TimeSpan timeout, string setting, List<string> failures)
    {
        if (timeout < TimeSpan.FromMilliseconds(100) || timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{setting} is {timeout}; accepted: 00:00:00.100 to 00:05:00.");
        }
    }

    private static void CheckTtl(TimeSpan ttl, string setting, List<string> failures)
    {
        if (ttl < TimeSpan.FromSeconds(1) || ttl > TimeSpan.FromDays(1))
        {
            failures.Add($"{setting} is {ttl}; accepted: 00:00:01 to 1.00:00:00.");
        }
    }
}

/// <summary>Parses a preload scope: a metalake or a catalog identifier.</summary>
public static class PreloadScope
{
    /// <summary>Parses <paramref name="text"/>; false with a reason when it is not a metalake or catalog identifier.</summary>
    public static bool TryParse(string text, out EntityKey key, out string error)
    {
        key = EntityKey.Root;
        error = string.Empty;
        try
        {
            var identifier = NameIdentifier.Parse(text ?? string.Empty);
            switch (identifier.Depth)
            {
                case 1:
                    key = EntityKey.Of(EntityKind.Metalake, identifier);
                    return true;
                case 2:
                    key = EntityKey.Of(EntityKind.Catalog, identifier);
                    return true;
                default:
                    error = "a scope is a metalake ('lake') or a catalog ('lake.catalog')";
                    return false;
            }
        }
        catch (InvalidNameException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}
