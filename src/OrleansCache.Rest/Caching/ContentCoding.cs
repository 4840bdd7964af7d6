using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OrleansCache.Rest.Caching;

/// <summary>A content coding the API sends bodies in.</summary>
internal enum ContentCoding
{
    /// <summary>Uncompressed.</summary>
    Identity,

    /// <summary>gzip (RFC 1952).</summary>
    Gzip,

    /// <summary>Brotli (RFC 7932).</summary>
    Brotli,
}

/// <summary>Chooses a coding from <c>Accept-Encoding</c> and compresses bodies in it.</summary>
internal static class ContentCodings
{
    /// <summary>The header token of <paramref name="coding"/>.</summary>
    public static string Token(ContentCoding coding) => coding == ContentCoding.Brotli ? "br" : "gzip";

    /// <summary>
    /// The coding the request accepts with the highest weight (br before gzip at equal weight);
    /// identity when it accepts neither, names them with weight 0, or sends no <c>Accept-Encoding</c>.
    /// </summary>
    public static ContentCoding Choose(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var offered))
        {
            return ContentCoding.Identity;
        }

        var (best, weight) = (ContentCoding.Identity, 0.0);
        foreach (var candidate in offered)
        {
            var q = candidate.Quality ?? 1.0;
            var coding = candidate.Value.Equals("br", StringComparison.OrdinalIgnoreCase) ? ContentCoding.Brotli
                : candidate.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) ? ContentCoding.Gzip
                : ContentCoding.Identity;
            if (coding != ContentCoding.Identity && q > 0 && (q > weight || (q == weight && coding == ContentCoding.Brotli)))
            {
                (best, weight) = (coding, q);
            }
        }

        return best;
    }

    /// <summary><paramref name="body"/> compressed in <paramref name="coding"/> (not identity).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> body, ContentCoding coding)
    {
        using var output = new MemoryStream(body.Length / 4 + 64);
        using (Stream compressor = coding == ContentCoding.Brotli
            ? new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
