using System.CommandLine;
using OrleansCache.ClientSample.Connection;

namespace OrleansCache.ClientSample.Commands;

/// <summary>The options every command accepts: where the cluster is.</summary>
internal static class GlobalOptions
{
    /// <summary>The default cluster and service id, the same as the silo's.</summary>
    public const string DefaultId = "orleanscache";

    public static Option<int> Gateway { get; } = new("--gateway")
    {
        Description = "Gateway port of a silo on this machine (localhost clustering, as the embedded silo uses).",
        DefaultValueFactory = _ => 30000,
        Recursive = true,
    };

    public static Option<string?> Redis { get; } = new("--redis")
    {
        Description = "Redis connection string: find the silos through Redis clustering instead of a localhost gateway.",
        Recursive = true,
    };

    public static Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Orleans cluster id; must match the silos' OrleansCache:ClusterId.",
        DefaultValueFactory = _ => DefaultId,
        Recursive = true,
    };

    public static Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "Orleans service id; must match the silos' OrleansCache:ServiceId.",
        DefaultValueFactory = _ => DefaultId,
        Recursive = true,
    };

    public static Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to keep trying to reach the cluster before giving up.",
        DefaultValueFactory = _ => 5,
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the client's own log output.",
        Recursive = true,
    };

    /// <summary>Adds every global option to <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Gateway);
        root.Options.Add(Redis);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(ConnectTimeout);
        root.Options.Add(Verbose);
    }

    /// <summary>The cluster the command line points at, checked.</summary>
    /// <exception cref="Input.UsageException">A value is out of range.</exception>
    public static ClusterTarget Target(ParseResult parse)
    {
        var target = new ClusterTarget
        {
            GatewayPort = parse.GetValue(Gateway),
            RedisConnectionString = parse.GetValue(Redis),
            ClusterId = parse.GetValue(ClusterId) ?? DefaultId,
            ServiceId = parse.GetValue(ServiceId) ?? DefaultId,
            ConnectTimeout = TimeSpan.FromSeconds(parse.GetValue(ConnectTimeout)),
            Verbose = parse.GetValue(Verbose),
        };
        target.Validate();
        return target;
    }

    /// <summary>Connects to the cluster the command line points at.</summary>
    public static Task<ClusterConnection> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ClusterConnection.ConnectAsync(Target(parse), cancellationToken);
}
