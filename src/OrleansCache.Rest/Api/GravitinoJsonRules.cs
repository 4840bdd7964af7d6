using System.Text.Json;

namespace OrleansCache.Rest.Api;

/// <summary>
/// How Gravitino's server writes its JSON, so that a response of the cache reads as Gravitino's would.
/// The rules come from Gravitino's <c>server-common/src/main/java/org/apache/gravitino/server/web/ObjectMapperProvider.java</c>
/// (Jackson, <c>JsonInclude.Include.NON_NULL</c>, <c>WRITE_DATES_AS_TIMESTAMPS</c> off,
/// <c>WRITE_ENUMS_TO_LOWERCASE</c> on, <c>Jdk8Module</c>) and from the DTOs and custom serializers it
/// applies them to (<c>common/src/main/java/org/apache/gravitino/dto/**</c>, <c>common/.../json/JsonUtils.java</c>):
/// <list type="bullet">
/// <item>A member whose value is null is left out, never written as <c>null</c>. The one exception is
/// an <c>Optional</c> member that is empty (a tag's or a policy's <c>inherited</c>): NON_NULL keeps it
/// and <c>Jdk8Module</c> writes it as <c>null</c>, so Gravitino's server sends <c>"inherited":null</c>.</item>
/// <item>Times are ISO-8601 strings as <c>java.time.Instant</c> prints them (<see cref="EntityJson.Instant"/>).</item>
/// <item>Enums are their names in lower case (<c>relational</c>, <c>external</c>, <c>catalog</c>), except
/// where a custom serializer writes its own form (an index type is upper case: <c>PRIMARY_KEY</c>).</item>
/// <item>Members come in the order their DTO declares its fields (Jackson's order when no
/// <c>@JsonPropertyOrder</c> is given), the response's <c>code</c> first.</item>
/// </list>
/// </summary>
internal static class GravitinoJsonRules
{
    /// <summary>Writes the member only when <paramref name="value"/> is not null (NON_NULL).</summary>
    public static void WriteStringUnlessNull(this Utf8JsonWriter writer, string property, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(property, value);
        }
    }

    /// <summary>An empty <c>Optional</c> member, which Gravitino's server writes as <c>null</c> (see the remarks on the type).</summary>
    public static void WriteEmptyOptional(this Utf8JsonWriter writer, string property) => writer.WriteNull(property);
}
