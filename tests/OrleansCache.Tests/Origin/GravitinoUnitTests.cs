using OrleansCache.Naming;
using OrleansCache.Origin.Gravitino.Providers;
using OrleansCache.Origin.Gravitino.Replication;
using OrleansCache.Origin.Gravitino.Store;

namespace OrleansCache.Tests.Origin;

/// <summary>The Gravitino origin's pure parts: settings validation, JSON columns, row mapping.</summary>
[Trait("Category", "Unit")]
public sealed class GravitinoUnitTests
{
    [Fact]
    public void Bad_settings_are_each_named_with_what_is_accepted()
    {
        var result = new GravitinoOriginOptionsValidator().Validate(null, new GravitinoOriginOptions
        {
            Provider = "Postgres",
            ConnectionString = null,
            Slot = "Bad-Slot",
            ReadTimeout = TimeSpan.Zero,
        });
        Assert.True(result.Failed);
        var text = string.Join('\n', result.Failures!);
        Assert.Contains("OrleansCache:Origin:Provider is 'Postgres'; accepted: GravitinoPostgres", text);
        Assert.Contains("OrleansCache:Origin:ConnectionString is required", text);
        Assert.Contains("OrleansCache:Origin:Slot is 'Bad-Slot'", text);
        Assert.Contains("OrleansCache:Origin:ReadTimeout", text);
        Assert.True(new GravitinoOriginOptionsValidator().Validate(null, new GravitinoOriginOptions
        {
            Provider = GravitinoOriginOptions.GravitinoPostgres,
            ConnectionString = "Host=pg;Database=gravitino",
        }).Succeeded);
    }

    [Theory]
    [InlineData("\"integer\"", "integer")]
    [InlineData("\"decimal(10,2)\"", "decimal(10,2)")]
    [InlineData("{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true}", "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true}")]
    public void Column_types_round_trip_between_gravitinos_json_and_the_model(string json, string dataType)
    {
        Assert.Equal(dataType, GravitinoJson.DataType(json));
        Assert.Equal(json, GravitinoJson.TypeJson(dataType));
    }

    [Fact]
    public void Audit_json_maps_to_audit_info_in_either_time_encoding()
    {
        var text = GravitinoJson.Audit("""{"creator":"a","createTime":"2024-05-06T07:08:09Z","lastModifier":"b","lastModifiedTime":1715000000.5}""");
        Assert.Equal(("a", "b"), (text.Creator, text.LastModifier));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), text.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_715_000_000_500), text.LastModifiedAt);
    }

    [Fact]
    public void Rows_map_to_the_entity_they_belong_to()
    {
        var renamed = RowFacts.From("catalog_meta", new Dictionary<string, string?> { ["catalog_id"] = "7", ["catalog_name"] = "c2", ["metalake_id"] = "1", ["deleted_at"] = "0" }, inserted: false)!;
        Assert.Equal((EntityKind.Catalog, "7", "c2", (bool?)false, false), (renamed.Entity.Kind, renamed.Entity.OriginId, renamed.Name, renamed.Deleted, renamed.Created));

        var dropped = RowFacts.From("table_meta", new Dictionary<string, string?> { ["table_id"] = "9", ["table_name"] = "t", ["deleted_at"] = "1717" }, inserted: false)!;
        Assert.True(dropped.Deleted);

        var column = RowFacts.From("table_column_version_info", new Dictionary<string, string?> { ["table_id"] = "9", ["column_name"] = "x" }, inserted: true)!;
        Assert.Equal((EntityKind.Table, "9", (string?)null, (bool?)null, false), (column.Entity.Kind, column.Entity.OriginId, column.Name, column.Deleted, column.Created));

        var alias = RowFacts.From("model_version_alias_rel", new Dictionary<string, string?> { ["model_id"] = "5", ["model_version"] = "2" }, inserted: true)!;
        Assert.Equal((EntityKind.ModelVersion, "5:2"), (alias.Entity.Kind, alias.Entity.OriginId));

        Assert.Null(RowFacts.From("entity_change_log", new Dictionary<string, string?>(), inserted: true));
    }
}
