using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansCache.Client.Providers;

/// <summary>Validates <see cref="ClusterConnectionOptions"/>; each failure names the setting and what it accepts.</summary>
internal sealed class ClusterConnectionOptionsValidator : IValidateOptions<ClusterConnectionOptions>
{
    private const string Section = ClusterConnectionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClusterConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{Section}:ClusterId is blank; set it to the silos' OrleansCache:ClusterId.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{Section}:ServiceId is blank; set it to the silos' OrleansCache:ServiceId.");
        }

        if (options.RedisConnectionString is not null && options.Gateways.Count > 0)
        {
            failures.Add($"{Section}: set RedisConnectionString or Gateways, not both.");
        }

        if (options.RedisConnectionString is { } redis)
        {
            try
            {
                if (ConfigurationOptions.Parse(redis).EndPoints.Count == 0)
                {
                    failures.Add($"{Section}:RedisConnectionString names no endpoint; accepted: host:port[,option=value...].");
                }
            }
            catch (ArgumentException exception)
            {
                failures.Add($"{Section}:RedisConnectionString does not parse ({exception.Message}); accepted: host:port[,option=value...].");
            }
        }

        foreach (var gateway in options.Gateways)
        {
            if (!GatewayEndpoint.TryParse(gateway, out _, out _))
            {
                failures.Add($"{Section}:Gateways has '{gateway}'; accepted: host:port with a port from 1 to 65535.");
            }
        }

        if (options.ConnectTimeout < TimeSpan.FromSeconds(1) || options.ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:ConnectTimeout is {options.ConnectTimeout}; accepted: 00:00:01 to 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
