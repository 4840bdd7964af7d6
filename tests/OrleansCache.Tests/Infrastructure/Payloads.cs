using System.Collections.Immutable;
using OrleansCache.Entities;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Payloads and names for tests.</summary>
public static class Payloads
{
    public static MetalakePayload Metalake(string? comment = null) => new() { Comment = comment };

    public static CatalogPayload Catalog(CatalogType type = CatalogType.Relational) =>
        new() { Type = type, Provider = type == CatalogType.Relational ? "hive" : type.ToString().ToLowerInvariant() };

    public static SchemaPayload Schema() => new() { Comment = "schema" };

    public static TablePayload Table(params string[] columns) => new()
    {
        Columns = [.. (columns.Length == 0 ? ["id"] : columns).Select(name => new Column { Name = name, DataType = "integer" })],
        Properties = ImmutableDictionary<string, string>.Empty.Add("format", "parquet"),
    };

    /// <summary>A unique name, so tests sharing a cluster never collide.</summary>
    public static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
}
