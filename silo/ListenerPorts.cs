using System.Net;
using System.Net.Sockets;
using OrleansCache.Grains.Providers;
using OrleansCache.Rest.Providers;

namespace OrleansCache.Silo;

/// <summary>
/// The ports this silo will listen on, each with the setting that chooses it, checked before the
/// silo starts: a port another process holds stops the silo with exit code 2 and the setting's name,
/// before it joins the membership, instead of a bind failure deep in Kestrel or Orleans after it.
/// </summary>
internal static class ListenerPorts
{
    /// <summary>The first port of this silo's listeners that is already taken, with its setting; null when all are free.</summary>
    public static (string Setting, int Port)? FindTaken(OrleansCacheSiloOptions silo, OperationsSettings operations, IConfiguration configuration)
    {
        var ports = new List<(string Setting, int Port)>
        {
            ($"{OrleansCacheSiloOptions.SectionName}:{nameof(OrleansCacheSiloOptions.SiloPort)}", silo.SiloPort),
            ($"{OrleansCacheSiloOptions.SectionName}:{nameof(OrleansCacheSiloOptions.GatewayPort)}", silo.GatewayPort),
            ($"{Providers.HttpEndpointOptions.SectionName}:Port", operations.Http.Port),
        };
        if (configuration.GetSection(RestApiOptions.SectionName).Get<RestApiOptions>()?.Port is { } rest)
        {
            ports.Add(($"{RestApiOptions.SectionName}:{nameof(RestApiOptions.Port)}", rest));
        }

        if (operations.Dashboard.Enabled)
        {
            ports.Add(($"{Providers.SiloDashboardOptions.SectionName}:Port", operations.Dashboard.Port));
        }

        return ports.FirstOrDefault(p => IsTaken(p.Port)) is { Setting: not null } taken ? taken : null;
    }

    private static bool IsTaken(int port)
    {
        // Every address: a listener of another process on any one of them makes this bind fail, and
        // the silo's own listeners use every address or one of them.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            probe.Listen();
            return false;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }
}
