using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCache.Rest.Api;

/// <summary>
/// One of Gravitino's error responses: the HTTP status and the body <c>{"code":…,"type":…,"message":…}</c>
/// with Gravitino's codes (ErrorConstants) and the statuses its server pairs them with.
/// </summary>
internal sealed record GravitinoError(int Status, int Code, string Type, string Message)
{
    /// <summary>400, code 1001 (ILLEGAL_ARGUMENTS_CODE).</summary>
    public static GravitinoError IllegalArguments(string type, string message) => new(StatusCodes.Status400BadRequest, 1001, type, message);

    /// <summary>500, code 1002 (INTERNAL_ERROR_CODE), type RuntimeException.</summary>
    public static GravitinoError Internal(string message) => new(StatusCodes.Status500InternalServerError, 1002, "RuntimeException", message);

    /// <summary>404, code 1003 (NOT_FOUND_CODE).</summary>
    public static GravitinoError NotFound(string type, string message) => new(StatusCodes.Status404NotFound, 1003, type, message);

    /// <summary>405, code 1006 (UNSUPPORTED_OPERATION_CODE), type UnsupportedOperationException.</summary>
    public static GravitinoError Unsupported(string message) => new(StatusCodes.Status405MethodNotAllowed, 1006, "UnsupportedOperationException", message);

    /// <summary>502, code 1007 (CONNECTION_FAILED_CODE), type ConnectionFailedException.</summary>
    public static GravitinoError ConnectionFailed(string message) => new(StatusCodes.Status502BadGateway, 1007, "ConnectionFailedException", message);

    /// <summary>401, code 1011 (UNAUTHORIZED_CODE), type UnauthorizedException.</summary>
    public static GravitinoError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, 1011, "UnauthorizedException", message);

    /// <summary>Writes the status and the JSON body.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = Status;
        context.Response.ContentType = GravitinoMedia.Json;
        var body = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body, GravitinoMedia.Writer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", Code);
            writer.WriteString("type", Type);
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }
}
