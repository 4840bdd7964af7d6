using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansCache.ClientSample.Connection;
using OrleansCache.Changes;
using OrleansCache.Client.Diagnostics;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.ClientSample.Commands;

/// <summary>
/// <c>demo</c>: two independent clients, A and B, in one process. A writes, B reads through its near
/// cache; the demo shows B's hits and misses, then how long A's alter takes to reach B through the
/// change events, and cleans up. Every line starts with <c>demo:</c> so a script can check it.
/// </summary>
internal static class DemoCommand
{
    private const int Reads = 5;
    private static readonly TimeSpan PropagationTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    public static Command Build()
    {
        var command = new Command(
            "demo",
            "Connect two clients, write through A, read through B's near cache, and measure how fast A's alter reaches B. Exit 0 when every check holds.");
        command.SetAction((parse, cancellationToken) => RunAsync(GlobalOptions.Target(parse), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        await using var a = await ClusterConnection.ConnectAsync(target, cancellationToken);
        await using var b = await ClusterConnection.ConnectAsync(target, cancellationToken);
        Say($"connected two independent clients, A and B, to {target.Describe()}");

        var metalake = EntityKey.Metalake("demo_" + Guid.NewGuid().ToString("N")[..12]);
        var catalog = metalake.Child(EntityKind.Catalog, "sales");
        var schema = catalog.Child(EntityKind.Schema, "orders");
        var table = schema.Child(EntityKind.Table, "items");
        var dropped = false;
        try
        {
            await a.Client.CreateAsync(metalake, new MetalakePayload { Comment = "made by the client sample's demo; dropped at its end" });
            await a.Client.CreateAsync(catalog, new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" });
            await a.Client.CreateAsync(schema, new SchemaPayload());
            var created = await a.Client.CreateAsync(table, new TablePayload
            {
                Columns = [new Column { Name = "id", DataType = "bigint", Nullable = false }, new Column { Name = "name", DataType = "string" }],
            });
            Say($"A created {created.Key} (version {created.Version}) and its metalake, catalog and schema");
            cancellationToken.ThrowIfCancellationRequested();

            // B's first read goes to the grain (a miss) and fills its near cache; the rest are hits.
            var metrics = b.Services.GetRequiredService<NearCacheMetrics>();
            var before = await b.Client.LoadAsync(table);
            for (var i = 1; i < Reads; i++)
            {
                before = await b.Client.LoadAsync(table);
            }

            Say($"B read the table {Reads} times: version {before.Version}");
            Say($"B hits={metrics.Hits} misses={metrics.Misses}");
            if (before.Version != created.Version || metrics.Hits == 0)
            {
                throw new DemoFailedException($"B should have read version {created.Version} from its near cache; it read version {before.Version} with {metrics.Hits} hit(s).");
            }

            var altered = await a.Client.AlterAsync(table, [new AddColumn(new Column { Name = "price", DataType = "decimal(10,2)" }), new SetProperty("owner", "demo")]);
            var sinceAlter = Stopwatch.StartNew();
            Say($"A altered the table: version {before.Version} -> {altered.Version} (column price added, property owner=demo)");

            // B keeps serving its cached copy until the change event drops it; poll until it does.
            var (reached, after) = await PollAsync(() => b.Client.LoadAsync(table), record => record.Version >= altered.Version, cancellationToken);
            var invalidationMs = Milliseconds(sinceAlter);
            if (!reached)
            {
                throw new DemoFailedException(
                    $"B still served version {after.Version} {PropagationTimeout.TotalSeconds:0} s after A's alter to version {altered.Version}: " +
                    $"the change event did not reach client B (events received={metrics.EventsReceived}).");
            }

            Say($"invalidation reached B in {invalidationMs} ms (version {before.Version} -> {after.Version})");
            Say($"B events received={metrics.EventsReceived}");
            var columns = after.PayloadAs<TablePayload>().Columns;
            Say($"B now sees columns {string.Join(", ", columns.Select(column => column.Name))} and owner={after.Payload.Properties.GetValueOrDefault("owner", "(unset)")}");

            await a.Client.DropAsync(metalake, cascade: true);
            dropped = true;
            var sinceDrop = Stopwatch.StartNew();
            var (gone, _) = await PollAsync(() => b.Client.FindAsync(table), record => record is null, cancellationToken);
            if (!gone)
            {
                throw new DemoFailedException($"B still served the table {PropagationTimeout.TotalSeconds:0} s after A dropped metalake {metalake.Identifier}.");
            }

            Say($"A dropped metalake {metalake.Identifier} with cascade; the drop reached B in {Milliseconds(sinceDrop)} ms");
            Say("ok");
            return ExitCodes.Success;
        }
        finally
        {
            if (!dropped)
            {
                await DropQuietlyAsync(a, metalake);
            }
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds or <see cref="PropagationTimeout"/> passes; returns whether it held and the last value.</summary>
    private static async Task<(bool Reached, T Last)> PollAsync<T>(Func<ValueTask<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return (true, value);
            }

            if (clock.Elapsed >= PropagationTimeout)
            {
                return (false, value);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task DropQuietlyAsync(ClusterConnection connection, EntityKey metalake)
    {
        try
        {
            if (await connection.Client.DropAsync(metalake, cascade: true))
            {
                Say($"cleaned up: dropped metalake {metalake.Identifier}");
            }
        }
        catch (Exception exception)
        {
            // Best effort after a failure: the first error is the one to report.
            await Console.Error.WriteLineAsync($"demo: could not clean up metalake {metalake.Identifier}: {exception.Message}");
        }
    }

    private static string Milliseconds(Stopwatch clock) =>
        Math.Round(clock.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static void Say(string line) => Console.WriteLine($"demo: {line}");
}
