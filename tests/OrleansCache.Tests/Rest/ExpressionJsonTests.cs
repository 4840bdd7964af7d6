using OrleansCache.Rest.Api;

namespace OrleansCache.Tests.Rest;

/// <summary>Partitioning, sort orders, distribution and indexes in Gravitino's shapes (partitioning.yaml, tables.yaml, indexes.yaml).</summary>
[Trait("Category", "Unit")]
public sealed class ExpressionJsonTests
{
    [Theory]
    [InlineData("dt", "identity")]
    [InlineData("identity(dt)", "identity")]
    [InlineData("day(dt)", "day")]
    [InlineData("HOUR(dt)", "hour")]
    public void A_single_field_transform_has_a_strategy_and_a_field_name(string text, string strategy)
    {
        var json = JsonProbe.Write(writer => ExpressionJson.WritePartitioning(writer, text));

        Assert.Equal(["fieldName", "strategy"], JsonProbe.Names(json));
        Assert.Equal(strategy, json.GetProperty("strategy").GetString());
        Assert.Equal(["dt"], json.GetProperty("fieldName").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void Bucket_and_truncate_carry_their_numbers()
    {
        var bucket = JsonProbe.Write(writer => ExpressionJson.WritePartitioning(writer, "bucket(16, id, region)"));
        var truncate = JsonProbe.Write(writer => ExpressionJson.WritePartitioning(writer, "truncate(10, name)"));

        Assert.Equal("bucket", bucket.GetProperty("strategy").GetString());
        Assert.Equal(16, bucket.GetProperty("numBuckets").GetInt32());
        Assert.Equal(2, bucket.GetProperty("fieldNames").GetArrayLength());
        Assert.Equal("truncate", truncate.GetProperty("strategy").GetString());
        Assert.Equal(10, truncate.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Any_other_transform_is_a_function_partitioning()
    {
        var json = JsonProbe.Write(writer => ExpressionJson.WritePartitioning(writer, "to_date(ts, 'yyyy')"));

        Assert.Equal("function", json.GetProperty("strategy").GetString());
        Assert.Equal("to_date", json.GetProperty("funcName").GetString());
        var args = json.GetProperty("funcArgs").EnumerateArray().ToArray();
        Assert.Equal("field", args[0].GetProperty("type").GetString());
        Assert.Equal("literal", args[1].GetProperty("type").GetString());
        Assert.Equal("yyyy", args[1].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("ts", "asc", "nulls_first")]
    [InlineData("ts DESC", "desc", "nulls_last")]
    [InlineData("ts desc nulls first", "desc", "nulls_first")]
    [InlineData("ts ASC NULLS LAST", "asc", "nulls_last")]
    public void A_sort_order_has_a_term_a_direction_and_a_null_ordering(string text, string direction, string nulls)
    {
        var json = JsonProbe.Write(writer => ExpressionJson.WriteSortOrder(writer, text));

        Assert.Equal(["direction", "nullOrdering", "sortTerm"], JsonProbe.Names(json));
        Assert.Equal(direction, json.GetProperty("direction").GetString());
        Assert.Equal(nulls, json.GetProperty("nullOrdering").GetString());
        Assert.Equal("ts", json.GetProperty("sortTerm").GetProperty("fieldName")[0].GetString());
    }

    [Fact]
    public void A_distribution_has_a_strategy_a_number_and_arguments_and_is_Gravitinos_none_when_unset()
    {
        var hash = JsonProbe.Write(writer => ExpressionJson.WriteDistribution(writer, "hash(id) 32"));
        var none = JsonProbe.Write(writer => ExpressionJson.WriteDistribution(writer, null));

        Assert.Equal(["strategy", "number", "funcArgs"], JsonProbe.Members(hash));
        Assert.Equal("hash", hash.GetProperty("strategy").GetString());
        Assert.Equal(32, hash.GetProperty("number").GetInt32());
        Assert.Equal("id", hash.GetProperty("funcArgs")[0].GetProperty("fieldName")[0].GetString());
        Assert.Equal("""{"strategy":"none","number":0,"funcArgs":[]}""", none.GetRawText());
    }

    [Fact]
    public void Primary_and_unique_keys_are_indexes_and_other_text_is_left_out()
    {
        var primary = JsonProbe.Write(writer => Assert.True(ExpressionJson.TryWriteIndex(writer, "PRIMARY KEY (id)")));
        var unique = JsonProbe.Write(writer => Assert.True(ExpressionJson.TryWriteIndex(writer, "UNIQUE KEY uk_1 (name, age)")));
        var written = true;
        JsonProbe.Write(writer =>
        {
            writer.WriteStartArray();
            written = ExpressionJson.TryWriteIndex(writer, "BITMAP INDEX (x)");
            writer.WriteEndArray();
        });

        // JsonUtils.IndexSerializer: the type in upper case, no name when there is none, properties last.
        Assert.Equal(["indexType", "fieldNames", "properties"], JsonProbe.Members(primary));
        Assert.Equal("PRIMARY_KEY", primary.GetProperty("indexType").GetString());
        Assert.Equal(["indexType", "name", "fieldNames", "properties"], JsonProbe.Members(unique));
        Assert.Equal("UNIQUE_KEY", unique.GetProperty("indexType").GetString());
        Assert.Equal("uk_1", unique.GetProperty("name").GetString());
        Assert.Equal(2, unique.GetProperty("fieldNames").GetArrayLength());
        Assert.False(written);
    }
}
