using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansCache.Rest.Security;

/// <summary>Says loudly, once at start-up, that the REST API was explicitly allowed to serve anonymous requests to the network.</summary>
internal sealed partial class AnonymousRestWarning(string exposure, ILogger<AnonymousRestWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log(logger, exposure);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "INSECURE REST API: {Exposure}. This is allowed only because OrleansCache:Rest:AllowAnonymous=true. " +
        "Set OrleansCache:Rest:Authenticators (oauth) in production.")]
    private static partial void Log(ILogger logger, string exposure);
}
