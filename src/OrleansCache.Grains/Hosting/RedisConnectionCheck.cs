using System.Net;
using StackExchange.Redis;

namespace OrleansCache.Grains.Hosting;

/// <summary>
/// Tries Redis once before the silo starts, so an unreachable server or a missing or wrong password
/// stops it with a message that names the settings instead of a stack of retries deep in Orleans.
/// Messages name the endpoint and the settings, never the password.
/// </summary>
public static class RedisConnectionCheck
{
    /// <summary>
    /// Connects and sends PING. Returns null when Redis answered; otherwise why the silo cannot use
    /// it: no server answered at the configured endpoints within <paramref name="timeout"/>, or Redis
    /// refused the credentials.
    /// </summary>
    public static async Task<string?> FindConnectionProblemAsync(ConfigurationOptions redis, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var probe = redis.Clone();
        probe.AbortOnConnectFail = true;
        probe.ConnectRetry = 1;
        probe.ConnectTimeout = (int)timeout.TotalMilliseconds;
        var endpoint = string.Join(", ", redis.EndPoints.Select(Describe));
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(probe);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisConnectionException exception) when (exception.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            return Refused(endpoint, redis);
        }
        catch (RedisServerException exception) when (IsAuthenticationError(exception.Message))
        {
            return Refused(endpoint, redis);
        }
        catch (RedisConnectionException exception) when (IsAuthenticationError(exception.InnerException?.Message ?? exception.Message))
        {
            return Refused(endpoint, redis);
        }
        catch (RedisConnectionException exception) when (exception.FailureType is ConnectionFailureType.UnableToConnect or ConnectionFailureType.SocketFailure or ConnectionFailureType.SocketClosed or ConnectionFailureType.UnableToResolvePhysicalConnection)
        {
            return $"no Redis answered at {endpoint} within {timeout.TotalSeconds:0.#} s: check OrleansCache:Redis:ConnectionString, and that Redis is running and reachable from this host.";
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private static bool IsAuthenticationError(string message) =>
        message.Contains("NOAUTH", StringComparison.Ordinal) || message.Contains("WRONGPASS", StringComparison.Ordinal)
        || message.Contains("invalid password", StringComparison.OrdinalIgnoreCase) || message.Contains("invalid username-password", StringComparison.OrdinalIgnoreCase);

    private static string Refused(string endpoint, ConfigurationOptions redis) =>
        string.IsNullOrEmpty(redis.Password)
            ? $"Redis at {endpoint} requires authentication and no password is configured: set OrleansCache:Redis:Password (and OrleansCache:Redis:User for an ACL user)."
            : $"Redis at {endpoint} refused the credentials: check OrleansCache:Redis:Password and OrleansCache:Redis:User.";

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "?",
    };
}
