using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The realistic table every workload uses: 20 typed, commented columns and a few properties, in
/// one metalake spread over 10 catalogs with at least 10 schemas each and at most 200 tables per
/// schema (<see cref="ScaleTo"/>).
/// </summary>
internal static class TableShape
{
    public const string Metalake = "lake";

    private const int TablesPerSchema = 200;

    private static int _schemasPerCatalog = 10;

    /// <summary>Spreads <paramref name="entities"/> tables so that no schema holds more than 200 (a container rewrites its whole child index on every registration); call before anything else.</summary>
    public static void ScaleTo(int entities) =>
        _schemasPerCatalog = Math.Max(10, (entities + (10 * TablesPerSchema) - 1) / (10 * TablesPerSchema));

    private static readonly string[] Types = ["bigint", "varchar(255)", "decimal(18,2)", "timestamp", "boolean"];

    public static EntityKey Key(int index) =>
        EntityKey.Table(Metalake, $"cat{index % 10}", $"schema{index / 10 % _schemasPerCatalog}", $"table_{index}");

    public static IEnumerable<EntityKey> Schemas()
    {
        for (var c = 0; c < 10; c++)
        {
            for (var s = 0; s < _schemasPerCatalog; s++)
            {
                yield return EntityKey.Schema(Metalake, $"cat{c}", $"schema{s}");
            }
        }
    }

    public static TablePayload Payload(int index) => new()
    {
        Comment = $"fact table {index} of the sales mart",
        Columns = [.. Enumerable.Range(0, 20).Select(c => new Column
        {
            Name = $"column_{c:D2}",
            DataType = Types[c % Types.Length],
            Nullable = c != 0,
            Comment = $"business meaning of column {c}",
        })],
        Partitioning = ["day(column_03)"],
        SortOrders = ["column_00 ASC"],
        Distribution = "hash(column_00)",
        Properties = ImmutableDictionary<string, string>.Empty
            .Add("format", "parquet")
            .Add("location", $"s3://warehouse/sales/table_{index}")
            .Add("owner", "sales-data-team")
            .Add("retention.days", "365"),
    };
}
