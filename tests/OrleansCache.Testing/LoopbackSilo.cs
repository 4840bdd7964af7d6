using System.Globalization;

namespace OrleansCache.Testing;

/// <summary>
/// The settings of a silo in Redis mode on loopback, as the tests' live cluster and the load
/// generator start silos in their own process with <c>UseOrleansCache(configuration)</c>.
/// </summary>
public static class LoopbackSilo
{
    /// <summary>
    /// Redis mode against <paramref name="redis"/>, cluster and service id <paramref name="serviceId"/>,
    /// advertised on 127.0.0.1 with the given ports, change streams polled every <paramref name="pollPeriod"/>.
    /// </summary>
    public static Dictionary<string, string?> Settings(string redis, string serviceId, int siloPort, int gatewayPort, TimeSpan pollPeriod) => new()
    {
        ["OrleansCache:Mode"] = "Redis",
        ["OrleansCache:Redis:ConnectionString"] = redis,
        ["OrleansCache:ClusterId"] = serviceId,
        ["OrleansCache:ServiceId"] = serviceId,
        ["OrleansCache:AdvertisedIPAddress"] = "127.0.0.1",
        ["OrleansCache:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["OrleansCache:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["OrleansCache:Streams:PollPeriod"] = pollPeriod.ToString("c", CultureInfo.InvariantCulture),
    };
}
