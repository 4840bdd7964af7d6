using System.Globalization;
using System.Net;

namespace OrleansCache.Client.Providers;

/// <summary>Gateway endpoints written as <c>host:port</c>.</summary>
internal static class GatewayEndpoint
{
    /// <summary>Splits <c>host:port</c> (the last colon separates the port, so <c>[::1]:30000</c> works).</summary>
    public static bool TryParse(string text, out string host, out int port)
    {
        (host, port) = (string.Empty, 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0;
    }

    /// <summary>The endpoints of <c>host:port</c>: the address itself, or every IPv4 address a name resolves to.</summary>
    public static IEnumerable<IPEndPoint> Resolve(string text)
    {
        if (!TryParse(text, out var host, out var port))
        {
            throw new FormatException($"'{text}' is not host:port.");
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return [new IPEndPoint(address, port)];
        }

        return Dns.GetHostAddresses(host)
            .Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            .Select(a => new IPEndPoint(a, port));
    }
}
