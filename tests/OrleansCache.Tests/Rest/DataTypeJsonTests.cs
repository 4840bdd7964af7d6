using System.Text.Json;
using OrleansCache.Rest.Api;

namespace OrleansCache.Tests.Rest;

/// <summary>Column types in Gravitino's JSON type encoding (docs/open-api/datatype.yaml).</summary>
[Trait("Category", "Unit")]
public sealed class DataTypeJsonTests
{
    [Theory]
    [InlineData("bigint", "long")]
    [InlineData("long", "long")]
    [InlineData("INT", "integer")]
    [InlineData("smallint", "short")]
    [InlineData("tinyint", "byte")]
    [InlineData("bool", "boolean")]
    [InlineData("text", "string")]
    [InlineData("timestamp with time zone", "timestamp_tz")]
    [InlineData("decimal(10, 2)", "decimal(10,2)")]
    [InlineData("varchar(255)", "varchar(255)")]
    [InlineData("char(3)", "char(3)")]
    [InlineData("fixed(16)", "fixed(16)")]
    [InlineData("timestamp(6)", "timestamp(6)")]
    [InlineData("integer unsigned", "integer unsigned")]
    [InlineData("uuid", "uuid")]
    public void A_primitive_is_a_string_with_Gravitinos_name(string text, string expected)
    {
        var json = JsonProbe.Write(writer => DataTypeJson.Write(writer, text));

        Assert.Equal(JsonValueKind.String, json.ValueKind);
        Assert.Equal(expected, json.GetString());
    }

    [Fact]
    public void A_list_a_map_and_a_struct_are_objects_with_their_element_types_encoded_too()
    {
        var list = JsonProbe.Write(writer => DataTypeJson.Write(writer, "array<bigint>"));
        var map = JsonProbe.Write(writer => DataTypeJson.Write(writer, "map<string, array<int>>"));
        var row = JsonProbe.Write(writer => DataTypeJson.Write(writer, "struct<id:bigint, tags:map<string,string>>"));

        // In the order of Gravitino's JsonUtils type serializer.
        Assert.Equal(["type", "containsNull", "elementType"], JsonProbe.Members(list));
        Assert.Equal("list", list.GetProperty("type").GetString());
        Assert.Equal("long", list.GetProperty("elementType").GetString());
        Assert.True(list.GetProperty("containsNull").GetBoolean());

        Assert.Equal(["type", "valueContainsNull", "keyType", "valueType"], JsonProbe.Members(map));
        Assert.Equal("string", map.GetProperty("keyType").GetString());
        Assert.Equal("list", map.GetProperty("valueType").GetProperty("type").GetString());
        Assert.Equal("integer", map.GetProperty("valueType").GetProperty("elementType").GetString());

        Assert.Equal("struct", row.GetProperty("type").GetString());
        var fields = row.GetProperty("fields").EnumerateArray().ToArray();
        Assert.Equal(["id", "tags"], fields.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(["name", "type", "nullable"], JsonProbe.Members(fields[0]));
        Assert.Equal("long", fields[0].GetProperty("type").GetString());
        Assert.Equal("map", fields[1].GetProperty("type").GetProperty("type").GetString());
    }

    [Fact]
    public void A_union_lists_its_types()
    {
        var union = JsonProbe.Write(writer => DataTypeJson.Write(writer, "union<string,int>"));

        Assert.Equal("union", union.GetProperty("type").GetString());
        Assert.Equal(["string", "integer"], union.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("geometry_point_z")]
    [InlineData("array<int")]
    [InlineData("map<string>")]
    [InlineData("struct<nocolon>")]
    [InlineData("decimal(x,2)")]
    [InlineData("array<whatever>")]
    public void Text_that_names_no_Gravitino_type_is_an_unparsed_type_with_the_text_unchanged(string text)
    {
        var json = JsonProbe.Write(writer => DataTypeJson.Write(writer, text));

        Assert.Equal(["type", "unparsedType"], JsonProbe.Names(json));
        Assert.Equal("unparsed", json.GetProperty("type").GetString());
        Assert.Equal(text, json.GetProperty("unparsedType").GetString());
    }
}
