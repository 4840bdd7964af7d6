using OrleansCache.Client;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Infrastructure;

/// <summary>Builds hierarchies through a client, as a service would (the grain-level twin is <see cref="Catalog"/>).</summary>
public static class ClientHierarchy
{
    /// <summary>Creates a new metalake, catalog <c>c</c> and schema <c>s</c>; returns the schema's key.</summary>
    public static async Task<EntityKey> CreateSchemaAsync(this IOrleansCacheClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var lake = EntityKey.Metalake(Payloads.Unique("lake"));
        await client.CreateAsync(lake, Payloads.Metalake());
        var catalog = lake.Child(EntityKind.Catalog, "c");
        await client.CreateAsync(catalog, Payloads.Catalog());
        var schema = catalog.Child(EntityKind.Schema, "s");
        await client.CreateAsync(schema, Payloads.Schema());
        return schema;
    }

    /// <summary>Creates a new metalake, catalog, schema and table <c>t</c>; returns the table's key.</summary>
    public static async Task<EntityKey> CreateTableAsync(this IOrleansCacheClient client)
    {
        var table = (await client.CreateSchemaAsync()).Child(EntityKind.Table, "t");
        await client.CreateAsync(table, Payloads.Table());
        return table;
    }
}
