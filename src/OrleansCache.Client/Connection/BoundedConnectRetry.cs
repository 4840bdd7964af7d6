using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansCache.Client.Providers;
using OrleansCache.Errors;

namespace OrleansCache.Client.Connection;

/// <summary>
/// How a starting client retries a cluster that does not answer: once a second, one warning line
/// each, until <see cref="ClusterConnectionOptions.ConnectTimeout"/>; then start-up fails with one
/// <see cref="ClusterUnavailableException"/> that names where it looked and the settings to check
/// (Orleans' own default retries for three minutes, logging a stack trace each time).
/// </summary>
internal sealed partial class BoundedConnectRetry(ClusterConnectionOptions connection, ILogger<BoundedConnectRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private readonly long _started = Stopwatch.GetTimestamp();

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        // RedisConnectionException: with Redis clustering, the gateways are looked up in a Redis that does not answer.
        if (exception is not (OrleansMessageRejectionException or ConnectionFailedException or SiloUnavailableException or StackExchange.Redis.RedisConnectionException))
        {
            return false;
        }

        var waited = Stopwatch.GetElapsedTime(_started);
        if (waited + Pause > connection.ConnectTimeout)
        {
            throw new ClusterUnavailableException(
                Where(),
                $"no silo answered within {connection.ConnectTimeout.TotalSeconds:0.#} s; check {ClusterConnectionOptions.SectionName} (Gateways, RedisConnectionString, ClusterId, ServiceId) and that the silos run. Last error: {exception.Message}");
        }

        LogWaiting(logger, Where(), waited.TotalSeconds, connection.ConnectTimeout.TotalSeconds);
        await Task.Delay(Pause, cancellationToken);
        return true;
    }

    private string Where() => connection.RedisConnectionString is { } redis
        ? $"the gateways registered in Redis {redis.Split(',')[0]}"
        : connection.Gateways.Count > 0 ? string.Join(", ", connection.Gateways) : $"localhost:{ClusterConnectionOptions.EmbeddedGatewayPort}";

    [LoggerMessage(1, LogLevel.Warning, "No silo answered at {Where} yet ({Waited:0.#} s of {Timeout:0.#} s); trying again.")]
    private static partial void LogWaiting(ILogger logger, string where, double waited, double timeout);
}
