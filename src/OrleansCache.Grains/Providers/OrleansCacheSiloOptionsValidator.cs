using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansCache.Grains.Providers;

/// <summary>Validates <see cref="OrleansCacheSiloOptions"/>; every failure names the setting and what it accepts.</summary>
internal sealed class OrleansCacheSiloOptionsValidator : IValidateOptions<OrleansCacheSiloOptions>
{
    private const string Section = OrleansCacheSiloOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, OrleansCacheSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:Mode is '{options.Mode}'; accepted: Embedded, Redis.");
        }

        if (options.Mode == StorageMode.Redis)
        {
            CheckRedis(options.Redis.ConnectionString, failures);
            CheckRedisSecurity(options.Redis, failures);
        }

        CheckId(options.ClusterId, "ClusterId", failures);
        CheckId(options.ServiceId, "ServiceId", failures);
        CheckPort(options.SiloPort, "SiloPort", failures);
        CheckPort(options.GatewayPort, "GatewayPort", failures);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Section}:SiloPort and {Section}:GatewayPort are both {options.SiloPort}; they must differ.");
        }

        if (options.AdvertisedIPAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{Section}:AdvertisedIPAddress is '{address}'; accepted: an IPv4 or IPv6 address.");
        }

        // Orleans' own rule (GrainCollectionOptions): the age must be greater than the collection
        // quantum, one minute; checked here so a bad value exits with the configuration error.
        if (options.GrainCollectionAge <= OrleansCacheSiloOptions.CollectionQuantum)
        {
            failures.Add($"{Section}:GrainCollectionAge is {options.GrainCollectionAge}; accepted: more than {OrleansCacheSiloOptions.CollectionQuantum} (Orleans' collection quantum), for example 00:02:00.");
        }

        if (options.ShutdownTimeout < TimeSpan.FromSeconds(5) || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:ShutdownTimeout is {options.ShutdownTimeout}; accepted: 00:00:05 to 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRedisSecurity(RedisSettings redis, List<string> failures)
    {
        if (redis.WaitForReplicas is < 0 or > 5)
        {
            failures.Add($"{Section}:Redis:WaitForReplicas is {redis.WaitForReplicas}; accepted: 0 (off) to 5.");
        }

        if (redis.WaitForReplicasTimeout < TimeSpan.FromMilliseconds(10) || redis.WaitForReplicasTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Redis:WaitForReplicasTimeout is {redis.WaitForReplicasTimeout}; accepted: 00:00:00.010 to 00:01:00, below OrleansCache:Entities:StorageTimeout.");
        }

        if (!string.IsNullOrEmpty(redis.User) && string.IsNullOrEmpty(redis.Password))
        {
            failures.Add($"{Section}:Redis:User is set but {Section}:Redis:Password is not; an ACL user needs its password.");
        }

        if (!string.IsNullOrEmpty(redis.TlsCaCertificatePath))
        {
            if (redis.Tls is not true)
            {
                failures.Add($"{Section}:Redis:TlsCaCertificatePath is set but {Section}:Redis:Tls is not true.");
            }
            else if (!File.Exists(redis.TlsCaCertificatePath))
            {
                failures.Add($"{Section}:Redis:TlsCaCertificatePath is '{redis.TlsCaCertificatePath}'; accepted: an existing certificate file (PEM or DER).");
            }
        }
    }

    private static void CheckRedis(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Section}:Redis:ConnectionString is required when {Section}:Mode is Redis (for example 'localhost:6379').");
            return;
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(connectionString);
            if (parsed.EndPoints.Count == 0)
            {
                failures.Add($"{Section}:Redis:ConnectionString names no endpoint; accepted: 'host:port[,option=value…]'.");
            }
        }
        catch (ArgumentException exception)
        {
            // The message of a parse failure never echoes the password.
            failures.Add($"{Section}:Redis:ConnectionString is not a valid StackExchange.Redis connection string: {exception.Message}");
        }
    }

    private static void CheckId(string value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 128)
        {
            failures.Add($"{Section}:{setting} is required; accepted: 1 to 128 characters.");
        }
    }

    private static void CheckPort(int port, string setting, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{Section}:{setting} is {port}; accepted: 1 to 65535.");
        }
    }
}
