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
    /// Fronts the Gravitino PostgreSQL store configured in <c>OrleansCache:Origin</c>
    /// (<see cref="GravitinoOriginOptions"/>). The settings are validated here, so a bad one stops the
    /// silo before it starts with a message naming it; the origin's set-up is checked when the silo
    /// starts (<see cref="Replication.OriginConfigurationException"/>).
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public static ISiloBuilder AddGravitinoOrigin(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OrleansCacheConfiguration.Load(configuration, GravitinoOriginOptions.SectionName, new GravitinoOriginOptionsValidator());
        builder.Services.AddOptions<GravitinoOriginOptions>().BindConfiguration(GravitinoOriginOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GravitinoOriginOptions>, GravitinoOriginOptionsValidator>());
        return builder.AddGravitinoOrigin(options);
    }

    /// <summary>Fronts the Gravitino PostgreSQL store described by <paramref name="options"/>.</summary>
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

        builder.Services.AddSingleton(sp => new GravitinoOrigin(options, sp.GetRequiredService<ILogger<GravitinoOrigin>>()));
        builder.Services.AddHostedService(sp => new GravitinoOriginStartupCheck(
            sp.GetRequiredService<GravitinoOrigin>(), options, sp.GetRequiredService<ILogger<GravitinoOriginStartupCheck>>()));
        return builder.AddOrleansCacheOrigin(sp => sp.GetRequiredService<GravitinoOrigin>());
    }
}
