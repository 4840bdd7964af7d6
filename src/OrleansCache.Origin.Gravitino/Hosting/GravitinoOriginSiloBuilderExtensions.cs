using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Grains.Hosting;
using OrleansCache.Origin.Gravitino.Providers;

namespace OrleansCache.Origin.Gravitino.Hosting;

/// <summary>Puts an Apache Gravitino deployment behind the cache (origin mode).</summary>
public static class GravitinoOriginSiloBuilderExtensions
{
    /// <summary>
    /// Fronts the Gravitino PostgreSQL store configured in the <c>OrleansCache:Origin</c> section of
    /// <paramref name="configuration"/> (<see cref="GravitinoOriginOptions"/>). The settings are bound
    /// and validated when the host starts (a bad one stops it with an
    /// <see cref="OptionsValidationException"/> naming it); the origin's set-up is checked when the
    /// silo starts (<see cref="Replication.OriginConfigurationException"/>).
    /// </summary>
    public static ISiloBuilder AddGravitinoOrigin(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<GravitinoOriginOptions>().Bind(configuration.GetSection(GravitinoOriginOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GravitinoOriginOptions>, GravitinoOriginOptionsValidator>());
        return builder.AddOrigin(sp => sp.GetRequiredService<IOptions<GravitinoOriginOptions>>().Value);
    }

    /// <summary>
    /// Fronts the Gravitino PostgreSQL store described by <paramref name="options"/>, validated here
    /// because the caller built them.
    /// </summary>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ISiloBuilder AddGravitinoOrigin(this ISiloBuilder builder, GravitinoOriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var result = new GravitinoOriginOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(GravitinoOriginOptions.SectionName, typeof(GravitinoOriginOptions), result.Failures);
        }

        return builder.AddOrigin(_ => options);
    }

    private static ISiloBuilder AddOrigin(this ISiloBuilder builder, Func<IServiceProvider, GravitinoOriginOptions> options)
    {
        builder.Services.AddSingleton(sp => new GravitinoOrigin(options(sp), sp.GetRequiredService<ILogger<GravitinoOrigin>>()));
        builder.Services.AddHostedService(sp => new GravitinoOriginStartupCheck(
            sp.GetRequiredService<GravitinoOrigin>(), options(sp), sp.GetRequiredService<ILogger<GravitinoOriginStartupCheck>>()));
        return builder.AddOrleansCacheOrigin(sp => sp.GetRequiredService<GravitinoOrigin>());
    }
}
