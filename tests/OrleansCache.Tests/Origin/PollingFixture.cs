using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>
/// A throwaway PostgreSQL with Gravitino's schema and no replication in use, a real redis-server, and
/// two silos following the origin by polling its <c>entity_change_log</c> (reconciling every
/// <see cref="ReconcileInterval"/>), with two clients whose near-cache entries only events remove.
/// </summary>
public sealed class PollingFixture : OriginClusterFixture
{
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    protected override GravitinoOriginOptions OriginOptions(PostgresServer postgres) => Options(postgres, ReconcileInterval);

    /// <summary>Polling settings: a fast poll, a 10 s lag window, and the given reconcile interval.</summary>
    public static GravitinoOriginOptions Options(PostgresServer postgres, TimeSpan reconcileInterval)
    {
        var options = OriginFixture.Options(postgres);
        options.ChangeCapture = GravitinoOriginOptions.Polling;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.LagWindow = TimeSpan.FromSeconds(10);
        options.ReconcileInterval = reconcileInterval;
        return options;
    }
}

/// <summary>Tests on the polling origin cluster; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PollingCollection : ICollectionFixture<PollingFixture>
{
    public const string Name = "origin polling";
}
