using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansCache.Origin.Gravitino.Providers;

/// <summary>Validates <see cref="GravitinoOriginOptions"/> at start-up; each failure names the setting and what is accepted.</summary>
public sealed partial class GravitinoOriginOptionsValidator : IValidateOptions<GravitinoOriginOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GravitinoOriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = GravitinoOriginOptions.SectionName;
        var failures = new List<string>();
        if (!string.Equals(options.Provider, GravitinoOriginOptions.GravitinoPostgres, StringComparison.Ordinal))
        {
            failures.Add($"{Section}:{nameof(options.Provider)} is '{options.Provider}'; accepted: {GravitinoOriginOptions.GravitinoPostgres} (or leave the section out for no origin).");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(options.ConnectionString)} is required: the Npgsql connection string of Gravitino's PostgreSQL database.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"{Section}:{nameof(options.ConnectionString)} is not a valid Npgsql connection string: {exception.Message}");
            }
        }

        foreach (var (setting, value) in new[] { (nameof(options.Publication), options.Publication), (nameof(options.Slot), options.Slot) })
        {
            if (value is null || !Identifier().IsMatch(value))
            {
                failures.Add($"{Section}:{setting} is '{value}'; accepted: lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters.");
            }
        }

        if (options.ReadTimeout < TimeSpan.FromSeconds(1) || options.ReadTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:{nameof(options.ReadTimeout)} is {options.ReadTimeout}; accepted: 00:00:01 to 00:05:00.");
        }

        if (options.StartupTimeout < TimeSpan.FromSeconds(1) || options.StartupTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:{nameof(options.StartupTimeout)} is {options.StartupTimeout}; accepted: 00:00:01 to 00:10:00.");
        }

        ValidateChangeCapture(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateChangeCapture(GravitinoOriginOptions options, List<string> failures)
    {
        const string Section = GravitinoOriginOptions.SectionName;
        if (options.ChangeCapture is not (GravitinoOriginOptions.Replication or GravitinoOriginOptions.Polling))
        {
            failures.Add($"{Section}:{nameof(options.ChangeCapture)} is '{options.ChangeCapture}'; accepted: {GravitinoOriginOptions.Replication}, {GravitinoOriginOptions.Polling}.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.PollInterval)} is {options.PollInterval}; accepted: 00:00:00.050 to 00:01:00.");
        }

        if (options.LagWindow < 2 * options.PollInterval || options.LagWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(options.LagWindow)} is {options.LagWindow}; accepted: twice {nameof(options.PollInterval)} ({2 * options.PollInterval}) to 01:00:00.");
        }

        if (options.ReconcileInterval < TimeSpan.FromSeconds(1) || options.ReconcileInterval < options.PollInterval || options.ReconcileInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:{nameof(options.ReconcileInterval)} is {options.ReconcileInterval}; accepted: 00:00:01 (and at least {nameof(options.PollInterval)}) to 1.00:00:00.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
