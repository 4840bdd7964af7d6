using OrleansCache.Naming;

namespace OrleansCache.Benchmarks;

/// <summary>Realistic table keys: one metalake, 10 catalogs, 10 schemas each, tables below.</summary>
internal static class Keys
{
    public static EntityKey[] Tables(int count) =>
        [.. Enumerable.Range(0, count).Select(i => EntityKey.Table("lake", $"cat{i % 10}", $"schema{i / 10 % 10}", $"table_{i}"))];
}
