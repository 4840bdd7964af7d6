using System.Net;
using System.Text.Json;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Rest;

/// <summary>What the REST tests ask of the API: paths of entities, GETs and parsed bodies.</summary>
internal static class RestCalls
{
    /// <summary>The API path of an entity, relative to <c>/api/</c>.</summary>
    public static string Path(EntityKey key)
    {
        var l = key.Identifier.Levels;
        return key.Kind switch
        {
            EntityKind.Metalake => $"metalakes/{l[0]}",
            EntityKind.Catalog => $"metalakes/{l[0]}/catalogs/{l[1]}",
            EntityKind.Schema => $"metalakes/{l[0]}/catalogs/{l[1]}/schemas/{l[2]}",
            EntityKind.Tag => $"metalakes/{l[0]}/tags/{l[1]}",
            EntityKind.Policy => $"metalakes/{l[0]}/policies/{l[1]}",
            EntityKind.ModelVersion => $"{Path(key.Parent)}/versions/{l[4]}",
            var kind => $"metalakes/{l[0]}/catalogs/{l[1]}/schemas/{l[2]}/{EntityKindTokens.ToToken(kind)}s/{l[3]}",
        };
    }


    /// <summary>GETs <paramref name="path"/>; every answer of the API is JSON.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await ParseAsync(response));
    }

    public static async Task<JsonElement> ParseAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Everything <paramref name="decompressor"/> reads (a gzip or Brotli stream over a body).</summary>
    public static byte[] Decompress(Stream decompressor)
    {
        using var output = new MemoryStream();
        using (decompressor)
        {
            decompressor.CopyTo(output);
        }

        return output.ToArray();
    }
}
