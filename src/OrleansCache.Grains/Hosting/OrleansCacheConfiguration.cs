using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansCache.Grains.Hosting;

/// <summary>Reads one OrleansCache settings section and validates it before anything is started.</summary>
public static class OrleansCacheConfiguration
{
    /// <summary>Binds <paramref name="sectionName"/> to a new <typeparamref name="TOptions"/> and validates it.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; each failure names it.</exception>
    public static TOptions Load<TOptions>(IConfiguration configuration, string sectionName, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validator);
        var options = new TOptions();
        configuration.GetSection(sectionName).Bind(options);
        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(sectionName, typeof(TOptions), result.Failures);
        }

        return options;
    }
}
