using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Model;

[Trait("Category", "Unit")]
public class PayloadValidationTests
{
    private const string TableId = "lake.cat.s.t";

    private static Column Col(string name, string dataType = "integer") => new() { Name = name, DataType = dataType };

    private static InvalidEntityException AssertInvalid(EntityPayload payload, string identifier)
    {
        var ex = Assert.Throws<InvalidEntityException>(() => payload.Validate(identifier));
        Assert.Equal(identifier, ex.Identifier);
        Assert.Contains($"'{identifier}'", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
        Assert.Contains(ex.Reason, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static void AssertValid(EntityPayload payload, string identifier) =>
        Assert.Null(Record.Exception(() => payload.Validate(identifier)));

    /// <summary>A valid payload of each kind, with the given properties.</summary>
    private static EntityPayload PayloadOf(EntityKind kind, ImmutableDictionary<string, string> properties) => kind switch
    {
        EntityKind.Metalake => new MetalakePayload { Properties = properties },
        EntityKind.Catalog => new CatalogPayload { Type = CatalogType.Relational, Provider = "hive", Properties = properties },
        EntityKind.Schema => new SchemaPayload { Properties = properties },
        EntityKind.Table => new TablePayload { Columns = [Col("id")], Properties = properties },
        EntityKind.Fileset => new FilesetPayload { StorageLocation = "s3://bucket/path", Properties = properties },
        EntityKind.Topic => new TopicPayload { Properties = properties },
        EntityKind.Model => new ModelPayload { Properties = properties },
        EntityKind.ModelVersion => new ModelVersionPayload { Uri = "s3://models/1", Properties = properties },
        EntityKind.Tag => new TagPayload { Properties = properties },
        EntityKind.Policy => new PolicyPayload { PolicyType = "data_compaction", Properties = properties },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // ---------------------------------------------------------------- every payload

    [Theory]
    [InlineData(EntityKind.Metalake)]
    [InlineData(EntityKind.Catalog)]
    [InlineData(EntityKind.Schema)]
    [InlineData(EntityKind.Table)]
    [InlineData(EntityKind.Fileset)]
    [InlineData(EntityKind.Topic)]
    [InlineData(EntityKind.Model)]
    [InlineData(EntityKind.ModelVersion)]
    [InlineData(EntityKind.Tag)]
    [InlineData(EntityKind.Policy)]
    public void Valid_payload_of_every_kind_passes_and_reports_its_kind(EntityKind kind)
    {
        var payload = PayloadOf(kind, ImmutableDictionary<string, string>.Empty.Add("owner", "ops").Add("k", string.Empty));

        Assert.Equal(kind, payload.Kind);
        AssertValid(payload, "some.id");
    }

    [Theory]
    [InlineData(EntityKind.Metalake, "")]
    [InlineData(EntityKind.Metalake, " ")]
    [InlineData(EntityKind.Catalog, "\t")]
    [InlineData(EntityKind.Schema, "")]
    [InlineData(EntityKind.Table, "  ")]
    [InlineData(EntityKind.Fileset, "")]
    [InlineData(EntityKind.Topic, " ")]
    [InlineData(EntityKind.Model, "")]
    [InlineData(EntityKind.ModelVersion, "\n")]
    [InlineData(EntityKind.Tag, "")]
    [InlineData(EntityKind.Policy, " ")]
    public void Blank_property_key_is_rejected_on_every_kind(EntityKind kind, string key)
    {
        var payload = PayloadOf(kind, ImmutableDictionary<string, string>.Empty.Add("ok", "1").Add(key, "v"));

        var ex = AssertInvalid(payload, "lake.x");
        Assert.Contains("property keys", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_key_of_512_characters_is_accepted() =>
        AssertValid(PayloadOf(EntityKind.Schema, ImmutableDictionary<string, string>.Empty.Add(new string('k', 512), "v")), "lake.cat.s");

    [Fact]
    public void Property_key_of_513_characters_is_rejected()
    {
        var ex = AssertInvalid(PayloadOf(EntityKind.Schema, ImmutableDictionary<string, string>.Empty.Add(new string('k', 513), "v")), "lake.cat.s");
        Assert.Contains(EntityPayload.MaxPropertyKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_property_value_is_rejected()
    {
        var ex = AssertInvalid(PayloadOf(EntityKind.Metalake, ImmutableDictionary<string, string>.Empty.Add("owner", null!)), "lake");
        Assert.Contains("'owner'", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_properties_are_rejected() => AssertInvalid(new MetalakePayload { Properties = null! }, "lake");

    // ---------------------------------------------------------------- table

    [Fact]
    public void Table_with_distinct_columns_passes() =>
        AssertValid(new TablePayload { Columns = [Col("id"), Col("name", "varchar(255)"), Col("ts", "timestamp")] }, TableId);

    [Fact]
    public void Table_without_columns_passes()
    {
        AssertValid(new TablePayload(), TableId);
        AssertValid(new TablePayload { Columns = default }, TableId);
    }

    [Theory]
    [InlineData("id", "id")]
    [InlineData("id", "ID")]
    [InlineData("Name", "nAME")]
    public void Table_with_duplicate_column_names_is_rejected_ignoring_case(string first, string second)
    {
        var payload = new TablePayload { Columns = [Col(first), Col("other"), Col(second, "bigint")] };

        var ex = AssertInvalid(payload, TableId);
        Assert.Contains($"'{second}'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("more than once", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void Table_column_with_blank_data_type_is_rejected(string dataType)
    {
        var payload = new TablePayload { Columns = [Col("id"), Col("amount", dataType)] };

        var ex = AssertInvalid(payload, TableId);
        Assert.Contains("'amount'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("data type", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_column_with_null_data_type_is_rejected() =>
        AssertInvalid(new TablePayload { Columns = [Col("id", null!)] }, TableId);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Table_column_with_blank_name_is_rejected(string name)
    {
        var ex = AssertInvalid(new TablePayload { Columns = [Col(name)] }, TableId);
        Assert.Contains("name", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_with_a_null_column_is_rejected() =>
        AssertInvalid(new TablePayload { Columns = [Col("id"), null!] }, TableId);

    [Fact]
    public void Table_payload_checks_its_properties_too() =>
        AssertInvalid(new TablePayload { Columns = [Col("id")], Properties = ImmutableDictionary<string, string>.Empty.Add(" ", "v") }, TableId);

    // ---------------------------------------------------------------- catalog

    [Theory]
    [InlineData(CatalogType.Relational, EntityKind.Table)]
    [InlineData(CatalogType.Fileset, EntityKind.Fileset)]
    [InlineData(CatalogType.Messaging, EntityKind.Topic)]
    [InlineData(CatalogType.Model, EntityKind.Model)]
    public void Catalog_of_every_type_passes_and_holds_its_object_kind(CatalogType type, EntityKind objectKind)
    {
        var payload = new CatalogPayload { Type = type, Provider = "p" };

        AssertValid(payload, "lake.cat");
        Assert.Equal(objectKind, payload.SchemaObjectKind);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Catalog_without_provider_is_rejected(string? provider)
    {
        var ex = AssertInvalid(new CatalogPayload { Type = CatalogType.Relational, Provider = provider! }, "lake.cat");
        Assert.Contains("provider", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(42)]
    public void Catalog_with_undefined_type_is_rejected(int type)
    {
        var payload = new CatalogPayload { Type = (CatalogType)type, Provider = "hive" };

        var ex = AssertInvalid(payload, "lake.cat");
        Assert.Contains(type.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Reason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => payload.SchemaObjectKind);
    }

    // ---------------------------------------------------------------- fileset

    [Theory]
    [InlineData(FilesetType.Managed)]
    [InlineData(FilesetType.External)]
    public void Fileset_with_location_passes(FilesetType type) =>
        AssertValid(new FilesetPayload { Type = type, StorageLocation = "hdfs://nn/data" }, "lake.cat.s.f");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Fileset_without_location_is_rejected(string? location)
    {
        var ex = AssertInvalid(new FilesetPayload { StorageLocation = location! }, "lake.cat.s.f");
        Assert.Contains("storage location", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fileset_with_undefined_type_is_rejected() =>
        AssertInvalid(new FilesetPayload { Type = (FilesetType)7, StorageLocation = "s3://b" }, "lake.cat.s.f");

    // ---------------------------------------------------------------- model version

    private const string VersionId = "lake.cat.s.m.1";

    [Fact]
    public void Model_version_with_uri_and_aliases_passes()
    {
        AssertValid(new ModelVersionPayload { Uri = "s3://m/1", Aliases = ["prod", "v1", "champion-2024", "a/b=c"] }, VersionId);
        AssertValid(new ModelVersionPayload { Uri = "s3://m/1" }, VersionId);
        AssertValid(new ModelVersionPayload { Uri = "s3://m/1", Aliases = default }, VersionId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Model_version_without_uri_is_rejected(string? uri)
    {
        var ex = AssertInvalid(new ModelVersionPayload { Uri = uri! }, VersionId);
        Assert.Contains("uri", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("123")]
    [InlineData("0007")]
    public void Model_version_numeric_alias_is_rejected(string alias)
    {
        var ex = AssertInvalid(new ModelVersionPayload { Uri = "s3://m/1", Aliases = ["prod", alias] }, VersionId);
        Assert.Contains($"'{alias}'", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod", "prod")]
    [InlineData("prod", "PROD")]
    [InlineData("Champion", "champion")]
    public void Model_version_duplicate_alias_is_rejected_ignoring_case(string first, string second)
    {
        var ex = AssertInvalid(new ModelVersionPayload { Uri = "s3://m/1", Aliases = [first, "other", second] }, VersionId);
        Assert.Contains("unique", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-prod")]
    [InlineData("pr od")]
    [InlineData("pr\u00f6d")]
    public void Model_version_alias_breaking_the_naming_rule_is_rejected(string alias)
    {
        var ex = Assert.ThrowsAny<OrleansCacheException>(
            () => new ModelVersionPayload { Uri = "s3://m/1", Aliases = [alias] }.Validate(VersionId));
        Assert.Equal(VersionId, ex.Identifier);
        Assert.Contains(alias, ex.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- policy

    [Fact]
    public void Policy_with_type_passes() =>
        AssertValid(new PolicyPayload { PolicyType = "custom", Enabled = false, Content = "{}" }, "lake.p");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Policy_without_type_is_rejected(string? policyType)
    {
        var ex = AssertInvalid(new PolicyPayload { PolicyType = policyType! }, "lake.p");
        Assert.Contains("policy type", ex.Reason, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- records

    [Fact]
    public void Audit_info_records_creation_and_modification()
    {
        var created = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var changed = created.AddHours(1);

        var audit = AuditInfo.Created("alice", created);
        var modified = audit.Modified("bob", changed);

        Assert.Equal("alice", audit.Creator);
        Assert.Equal("alice", audit.LastModifier);
        Assert.Equal(created, audit.LastModifiedAt);
        Assert.Equal("alice", modified.Creator);
        Assert.Equal(created, modified.CreatedAt);
        Assert.Equal("bob", modified.LastModifier);
        Assert.Equal(changed, modified.LastModifiedAt);
        Assert.Equal("alice", audit.LastModifier);
    }

    [Fact]
    public void Entity_record_gives_its_payload_typed()
    {
        var record = new EntityRecord
        {
            Key = EntityKey.Of(EntityKind.Catalog, "lake.cat"),
            Payload = new CatalogPayload { Type = CatalogType.Fileset, Provider = "hadoop" },
            Audit = AuditInfo.Created("alice", DateTimeOffset.UnixEpoch),
            Version = 3,
        };

        Assert.Equal("hadoop", record.PayloadAs<CatalogPayload>().Provider);
        Assert.Throws<InvalidCastException>(() => record.PayloadAs<TablePayload>());
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("varchar")]
    [InlineData("decimal(10)")]
    [InlineData("map<string>")]
    [InlineData("list<nonsense>")]
    [InlineData("struct<a>")]
    public void A_column_type_that_is_no_Gravitino_type_is_refused_naming_the_column_and_the_accepted_forms(string dataType)
    {
        var ex = AssertInvalid(new TablePayload { Columns = [Col("id"), Col("amount", dataType)] }, TableId);

        Assert.Contains($"column 'amount' has data type '{dataType}'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("varchar(n)", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bigint")]
    [InlineData("varchar(255)")]
    [InlineData("decimal(10,2)")]
    [InlineData("integer unsigned")]
    [InlineData("timestamp(6)")]
    [InlineData("map<string,array<int>>")]
    [InlineData("struct<a:long,b:list<string>>")]
    [InlineData("union<int,string>")]
    public void Gravitino_types_and_their_common_aliases_are_accepted(string dataType) =>
        AssertValid(new TablePayload { Columns = [Col("c", dataType)] }, TableId);
}
