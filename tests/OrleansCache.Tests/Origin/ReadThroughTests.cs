using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;
using OrleansCache.Tests.Infrastructure;

namespace OrleansCache.Tests.Origin;

/// <summary>Origin mode against a real PostgreSQL holding Gravitino's schema: misses read through, writes are refused.</summary>
[Collection(OriginCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class ReadThroughTests(OriginFixture fixture)
{
    private GravitinoWriter Writer => fixture.Writer;

    [Fact]
    public async Task A_client_write_is_refused_with_an_error_naming_the_origin_and_changes_nothing()
    {
        var name = Payloads.Unique("ro");
        var error = await Assert.ThrowsAsync<ReadOnlyCacheException>(() => fixture.A.Cache.CreateAsync(EntityKey.Metalake(name), new MetalakePayload()));
        Assert.Contains("Gravitino PostgreSQL", error.Origin);
        Assert.Equal("create", error.Operation);
        Assert.Null(await fixture.A.Cache.FindAsync(EntityKey.Metalake(name), ReadConsistency.Strong));

        await Writer.MetalakeAsync(name);
        var lake = EntityKey.Metalake(name);
        await Assert.ThrowsAsync<ReadOnlyCacheException>(() => fixture.A.Cache.DropAsync(lake, cascade: true));
        await Assert.ThrowsAsync<ReadOnlyCacheException>(() => fixture.A.Cache.AlterAsync(lake, [new Changes.UpdateComment("x")]));
        Assert.Equal("a lake", (await fixture.B.Cache.LoadAsync(lake, ReadConsistency.Strong)).Payload.Comment);
    }

    [Fact]
    public async Task Every_entity_kind_is_read_through_from_gravitinos_rows()
    {
        var lakeName = Payloads.Unique("rt");
        var lake = await Writer.MetalakeAsync(lakeName);
        var relational = await Writer.CatalogAsync(lake, "rel");
        var files = await Writer.CatalogAsync(lake, "files", "fileset", "hadoop");
        var kafka = await Writer.CatalogAsync(lake, "kafka", "messaging", "kafka");
        var models = await Writer.CatalogAsync(lake, "models", "model", "model");
        var sales = await Writer.SchemaAsync(lake, relational, "sales");
        var fileSchema = await Writer.SchemaAsync(lake, files, "raw");
        var topicSchema = await Writer.SchemaAsync(lake, kafka, "events");
        var modelSchema = await Writer.SchemaAsync(lake, models, "ml");
        const string ListType = """{"type":"list","elementType":"integer","containsNull":true}""";
        var orders = await Writer.TableAsync(lake, relational, sales, "orders", ("id", "\"long\""), ("tags", ListType), ("price", "\"decimal(10,2)\""));
        await Writer.AlterTableAsync(orders, "v2", ("note", "\"string\""));
        await Writer.FilesetAsync(lake, files, fileSchema, "logs", "hdfs://nn/logs");
        await Writer.TopicAsync(lake, kafka, topicSchema, "clicks");
        var model = await Writer.ModelAsync(lake, models, modelSchema, "ranker");
        await Writer.ModelVersionAsync(lake, models, modelSchema, model, 0, "s3://models/ranker/0", "prod", "best");
        await Writer.TagAsync(lake, "pii");
        await Writer.PolicyAsync(lake, "retention", """{"days":30}""");
        var cache = fixture.A.Cache;

        var metalake = await cache.LoadAsync(EntityKey.Metalake(lakeName));
        Assert.Equal("a lake", metalake.Payload.Comment);
        Assert.Equal("v", metalake.Payload.Properties["k"]);
        Assert.Equal("gravitino", metalake.Audit.Creator);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), metalake.Audit.CreatedAt);

        var catalog = (await cache.LoadAsync(EntityKey.Catalog(lakeName, "files"))).PayloadAs<CatalogPayload>();
        Assert.Equal((CatalogType.Fileset, "hadoop"), (catalog.Type, catalog.Provider));
        Assert.Equal("a", (await cache.LoadAsync(EntityKey.Schema(lakeName, "rel", "sales"))).Payload.Properties["owner"]);

        var table = (await cache.LoadAsync(EntityKey.Table(lakeName, "rel", "sales", "orders"))).PayloadAs<TablePayload>();
        Assert.Equal("v2", table.Comment);
        Assert.Equal(["id", "tags", "price", "note"], table.Columns.Select(c => c.Name));
        Assert.Equal(["long", ListType, "decimal(10,2)", "string"], table.Columns.Select(c => c.DataType));
        Assert.Equal(ListType, OrleansCache.Origin.Gravitino.Store.GravitinoJson.TypeJson(table.Columns[1].DataType));

        var fileset = (await cache.LoadAsync(EntityKey.Fileset(lakeName, "files", "raw", "logs"))).PayloadAs<FilesetPayload>();
        Assert.Equal(("hdfs://nn/logs", FilesetType.Managed, "fs"), (fileset.StorageLocation, fileset.Type, fileset.Comment));
        Assert.Equal("3", (await cache.LoadAsync(EntityKey.Topic(lakeName, "kafka", "events", "clicks"))).Payload.Properties["partitions"]);
        Assert.Equal("md", (await cache.LoadAsync(EntityKey.Model(lakeName, "models", "ml", "ranker"))).Payload.Comment);
        var version = (await cache.LoadAsync(EntityKey.ModelVersion(lakeName, "models", "ml", "ranker", 0))).PayloadAs<ModelVersionPayload>();
        Assert.Equal(("s3://models/ranker/0", "best,prod"), (version.Uri, string.Join(',', version.Aliases)));
        Assert.Equal("red", (await cache.LoadAsync(EntityKey.Tag(lakeName, "pii"))).Payload.Properties["color"]);
        var policy = (await cache.LoadAsync(EntityKey.Policy(lakeName, "retention"))).PayloadAs<PolicyPayload>();
        Assert.Equal(("custom", true, """{"days":30}"""), (policy.PolicyType, policy.Enabled, policy.Content));

        Assert.Equal(["files", "kafka", "models", "rel"], (await cache.ListAsync(EntityKey.Metalake(lakeName), EntityKind.Catalog)).Select(k => k.Identifier.Name));
        Assert.Equal(["orders"], (await cache.ListAsync(EntityKey.Schema(lakeName, "rel", "sales"), EntityKind.Table)).Select(k => k.Identifier.Name));
        var missing = await Assert.ThrowsAsync<EntityNotFoundException>(async () => await cache.LoadAsync(EntityKey.Table(lakeName, "rel", "nope", "t")));
        Assert.Contains("nope", missing.Message);
    }

    [Fact]
    public async Task A_soft_deleted_row_does_not_exist()
    {
        var lakeName = Payloads.Unique("sd");
        var lake = await Writer.MetalakeAsync(lakeName);
        var tag = await Writer.TagAsync(lake, "gone");
        await Writer.SoftDeleteAsync("tag_meta", "tag_id", tag);
        Assert.Null(await fixture.B.Cache.FindAsync(EntityKey.Tag(lakeName, "gone")));
    }
}
