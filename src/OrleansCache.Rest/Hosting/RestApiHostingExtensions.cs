using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCache.Rest.Api;
using OrleansCache.Rest.Caching;
using OrleansCache.Rest.ChangeFeed;
using OrleansCache.Rest.Forwarding;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Rest.Hosting;

/// <summary>Turns on the Gravitino-compatible REST API in a silo host (an ASP.NET Core application that runs the silo).</summary>
public static class RestApiHostingExtensions
{
    /// <summary>The silo host's other listeners, with the silo program's defaults.</summary>
    private static IEnumerable<(string Setting, int Port)> OtherPorts(IConfiguration configuration)
    {
        yield return ("OrleansCache:Http:Port", configuration.GetValue("OrleansCache:Http:Port", 8080));
        yield return ("OrleansCache:GatewayPort", configuration.GetValue("OrleansCache:GatewayPort", 30000));
        yield return ("OrleansCache:SiloPort", configuration.GetValue("OrleansCache:SiloPort", 11111));
        if (configuration.GetValue("OrleansCache:Dashboard:Enabled", false))
        {
            yield return ("OrleansCache:Dashboard:Port", configuration.GetValue("OrleansCache:Dashboard:Port", 8081));
        }
    }

    /// <summary>
    /// Reads and validates <c>OrleansCache:Rest</c>; when <see cref="RestApiOptions.Port"/> is set,
    /// listens on it at <see cref="RestApiOptions.ListenAddress"/> (loopback by default; HTTPS with
    /// <see cref="RestApiOptions.Tls"/>) and registers the API with its credential check
    /// (<see cref="RestApiOptions.Authenticators"/>). The options are validated again when the host starts.
    /// </summary>
    /// <returns>The validated options (the API is off when <see cref="RestApiOptions.Enabled"/> is false).</returns>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the port is one the host already listens on (HTTP, gateway, silo,
    /// dashboard); the port is reachable from the network without an authentication mode and
    /// <see cref="RestApiOptions.AllowAnonymous"/> is false; or the TLS certificate or a signing key
    /// file cannot be read. Each failure names the settings.
    /// </exception>
    public static RestApiOptions AddOrleansCacheRest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RestApiOptions();
        builder.Configuration.GetSection(RestApiOptions.SectionName).Bind(options);
        var result = new RestApiOptionsValidator().Validate(null, options);
        var failures = result.Failed ? result.Failures.ToList() : [];
        foreach (var (setting, taken) in OtherPorts(builder.Configuration))
        {
            if (options.Port == taken)
            {
                failures.Add($"{RestApiOptions.SectionName}:Port and {setting} are both {taken}; they must differ.");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(RestApiOptions.SectionName, typeof(RestApiOptions), failures);
        }

        var services = builder.Services;
        services.AddSingleton<IValidateOptions<RestApiOptions>, RestApiOptionsValidator>();
        services.AddOptions<RestApiOptions>().BindConfiguration(RestApiOptions.SectionName).ValidateOnStart();
        if (options.Port is not { } port)
        {
            return options;
        }

        var listener = RestListener.For(options, port);
        RestAuthenticationRegistration.Add(services, options);
        builder.WebHost.ConfigureKestrel(listener.Listen);
        if (options.ResponseCache.Enabled)
        {
            services.AddSingleton(provider => new RenderedResponses(provider.GetRequiredService<IOptions<RestApiOptions>>().Value.ResponseCache));
            services.AddSingleton<RestNearCache>();
            services.AddHostedService(provider => provider.GetRequiredService<RestNearCache>());
        }

        services.AddSingleton(provider => new ReadApi(
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<IOptions<RestApiOptions>>(),
            provider.GetService<RenderedResponses>(),
            provider.GetService<RestNearCache>()));
        services.AddSingleton<ChangeFeedEndpoint>();
        services.AddSingleton(TimeProvider.System);
        if (options.Upstream is not null)
        {
            services.AddHttpForwarder();
            services.AddSingleton<UpstreamForwarder>();
            if (options.RequireAuth)
            {
                services.AddSingleton<UpstreamAuthorization>();
            }
        }

        services.AddSingleton(provider => new RestDispatcher(
            provider.GetRequiredService<ReadApi>(),
            provider.GetRequiredService<ChangeFeedEndpoint>(),
            provider.GetRequiredService<ILogger<RestDispatcher>>(),
            provider.GetRequiredService<Security.RestAuthentication>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<UpstreamForwarder>(),
            provider.GetService<UpstreamAuthorization>()));
        return options;
    }

    /// <summary>
    /// Answers every request that arrives on the REST port with the API (nothing else of the host is
    /// reachable there, and the API is not reachable on other ports). Does nothing when the API is off.
    /// </summary>
    public static WebApplication MapOrleansCacheRest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<RestApiOptions>>().Value;
        if (options.Port is not { } port)
        {
            return app;
        }

        var dispatcher = app.Services.GetRequiredService<RestDispatcher>();
        app.MapWhen(context => context.Connection.LocalPort == port, branch => branch.Run(dispatcher.HandleAsync));
        return app;
    }
}
