using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;

namespace OrleansCache.Origin.Gravitino.Hosting;

/// <summary>
/// At silo start: refuses to start on an origin set-up that would break Gravitino's writes or miss
/// changes (<see cref="OriginConfigurationException"/>). An origin that does not answer does not
/// stop the silo: cached entities are served and the feed resumes when it is back.
/// </summary>
internal sealed partial class GravitinoOriginStartupCheck(GravitinoOrigin origin, GravitinoOriginOptions options, ILogger<GravitinoOriginStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await origin.CheckSetupAsync(options, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName)
        {
            // An answer, not an outage: these settings will never work, so the silo does not start on them.
            throw new OriginConfigurationException(
                $"PostgreSQL at {origin.Name} refused the connection (SQLSTATE {exception.SqlState}: {exception.MessageText}); check the user, password and database in OrleansCache:Origin:ConnectionString.");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && exception is not PostgresException)
        {
            // An outage: the silo starts and serves what it holds (from Redis too), as it would if
            // PostgreSQL went down later.
            LogUnreachable(logger, exception, origin.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "Origin {Origin} did not answer at start-up; cached entities are served, misses fail until it is back.")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string origin);
}
