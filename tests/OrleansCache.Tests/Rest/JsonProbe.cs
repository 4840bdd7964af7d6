using System.Buffers;
using System.Text.Json;

namespace OrleansCache.Tests.Rest;

/// <summary>Runs a writer of the REST API's JSON and parses what it wrote.</summary>
internal static class JsonProbe
{
    public static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The property names of an object, in the order they were written.</summary>
    public static string[] Members(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>The property names of an object, sorted.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
