using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;

namespace OrleansCache.Origin.Gravitino.Hosting;

/// <summary>
/// At silo start: refuses to start on an origin set-up that would break Gravitino's writes or miss
/// changes, on a store without the tables and columns the origin reads, on settings PostgreSQL refuses, and on a PostgreSQL that does not answer within
/// <see cref="GravitinoOriginOptions.StartupTimeout"/> unless
/// <see cref="GravitinoOriginOptions.StartWhileUnreachable"/> (each an <see cref="OriginConfigurationException"/>,
/// which the silo program turns into exit code 2). It runs in the hosts' "starting" phase, before
/// any hosted service starts: the silo has not joined its cluster when it refuses.
/// </summary>
internal sealed partial class GravitinoOriginStartupCheck(GravitinoOrigin origin, GravitinoOriginOptions options, ILogger<GravitinoOriginStartupCheck> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var left = options.StartupTimeout - Stopwatch.GetElapsedTime(started);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            Exception? outage;
            try
            {
                await origin.CheckSetupAsync(options, attempt.Token);
                await origin.CheckSchemaAsync(attempt.Token);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
            {
                throw new OriginConfigurationException(
                    $"Gravitino's store at {origin.Name} lacks what the origin reads ({exception.MessageText}; SQLSTATE {exception.SqlState}): the origin reads the schema of Gravitino 2.0 "
                    + $"(scripts/postgresql/schema-2.0.0-postgresql.sql in apache/gravitino). Upgrade the store with Gravitino's upgrade scripts, or check the database in {GravitinoOriginOptions.SectionName}:ConnectionString.");
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new OriginConfigurationException(
                    $"The role in {GravitinoOriginOptions.SectionName}:ConnectionString may not read Gravitino's store at {origin.Name} ({exception.MessageText}; SQLSTATE {exception.SqlState}): GRANT SELECT ON ALL TABLES IN SCHEMA public TO that role.");
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName)
            {
                // An answer, not an outage: these settings will never work, so the silo does not start on them.
                throw new OriginConfigurationException(
                    $"PostgreSQL at {origin.Name} refused the connection (SQLSTATE {exception.SqlState}: {exception.MessageText}); check the user, password and database in {GravitinoOriginOptions.SectionName}:ConnectionString.");
            }
            catch (Exception exception) when (IsOutage(exception) || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                outage = exception;
            }

            if (Stopwatch.GetElapsedTime(started) + pause >= options.StartupTimeout)
            {
                GiveUp(outage);
                return;
            }

            await Task.Delay(pause, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Not answering: the connection failed or timed out, or PostgreSQL is still starting or shutting down.
    private static bool IsOutage(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown }
        || (exception is NpgsqlException or TimeoutException && exception is not PostgresException);

    private void GiveUp(Exception outage)
    {
        var reason = outage is OperationCanceledException ? "no answer" : outage.GetBaseException().Message;
        if (!options.StartWhileUnreachable)
        {
            throw new OriginConfigurationException(
                $"PostgreSQL at {origin.Name} did not answer within {options.StartupTimeout} ({reason}); check the host and port in {GravitinoOriginOptions.SectionName}:ConnectionString, "
                + $"or set {GravitinoOriginOptions.SectionName}:StartWhileUnreachable=true to start and serve what Redis holds until it answers.",
                outage);
        }

        // Asked for: the silo starts and serves what it holds (from Redis too), as it would if
        // PostgreSQL went down later.
        LogUnreachable(logger, origin.Name, options.StartupTimeout, reason);
    }

    [LoggerMessage(1, LogLevel.Warning, "Origin {Origin} did not answer within {Timeout} at start-up ({Reason}); starting anyway (StartWhileUnreachable): held entities are served, misses fail until it answers.")]
    private static partial void LogUnreachable(ILogger logger, string origin, TimeSpan timeout, string reason);
}
