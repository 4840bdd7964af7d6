using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrleansCache.Entities;
using OrleansCache.Grains;
using OrleansCache.Naming;
using OrleansCache.Rest.Caching;
using OrleansCache.Rest.Providers;
using Microsoft.Extensions.Options;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Serves Gravitino's read paths from the cluster's entity grains: one entity in its envelope
/// (<c>{"code":0,"table":{…}}</c>), or a container's children as identifiers, names or (with
/// <c>?details=true</c> where Gravitino offers it) full objects, each with an entity tag honoured by
/// <c>If-None-Match</c>. With the response cache on, records come through the host's near cache
/// (<see cref="RestNearCache"/>) and bodies from <see cref="RenderedResponses"/>: a hit renders
/// nothing, and a 304 is decided from the held tag.
/// </summary>
internal sealed class ReadApi(IGrainFactory grains, IOptions<RestApiOptions> options, RenderedResponses? responses = null, RestNearCache? near = null)
{
    private readonly int _compressionMinBytes = options.Value.ResponseCache.CompressionMinBytes;

    // Gravitino names an entity's JSON envelope after its kind, as the token, but for the model version.
    private static string Envelope(EntityKind kind) => kind == EntityKind.ModelVersion ? "modelVersion" : EntityKindTokens.ToToken(kind);

    /// <summary>Answers <paramref name="route"/> (a load or a list): 200 with the body, 304, or Gravitino's error.</summary>
    public async Task ServeAsync(HttpContext context, ApiRoute route)
    {
        try
        {
            switch (route.Action)
            {
                case RouteAction.Load:
                    await LoadAsync(context, route.Entity);
                    break;
                case RouteAction.LoadByAlias:
                    await LoadByAliasAsync(context, route);
                    break;
                default:
                    await ListAsync(context, route);
                    break;
            }
        }
        catch (Exception exception) when (!context.Response.HasStarted && ReadErrors.For(route, exception) is { } error)
        {
            await error.WriteAsync(context);
        }
    }

    /// <summary>Gravitino's VersionResponse, with the version <see cref="RestApiOptions.GravitinoVersion"/> names.</summary>
    public async Task WriteVersionAsync(HttpContext context)
    {
        var body = Json(writer =>
        {
            writer.WriteStartObject("version");
            writer.WriteString("version", options.Value.GravitinoVersion);
            writer.WriteString("compileDate", "");
            writer.WriteString("gitCommit", "");
            writer.WriteEndObject();
        });
        await WriteAsync(context, new RenderedResponse(EntityTags.ForList(body.WrittenSpan), body.WrittenSpan.ToArray()));
    }

    private async Task LoadAsync(HttpContext context, EntityKey key)
    {
        var record = near is null ? await grains.GetEntityGrain(key).Load() : await near.Client.LoadAsync(key);
        await WriteEntityAsync(context, record);
    }

    private async Task LoadByAliasAsync(HttpContext context, ApiRoute route)
    {
        var model = EntityKey.Of(EntityKind.Model, NameIdentifier.Of(route.Levels[..^1]));
        var alias = route.Levels[^1];
        var versions = await LoadAllAsync(await grains.GetEntityGrain(model).ListChildren(EntityKind.ModelVersion));
        var match = versions.FirstOrDefault(version => version.PayloadAs<ModelVersionPayload>().Aliases is { IsDefault: false } aliases
            && aliases.Contains(alias, StringComparer.Ordinal));
        if (match is null)
        {
            await ReadErrors.AliasNotFound(route).WriteAsync(context);
            return;
        }

        await WriteEntityAsync(context, match);
    }

    private async Task WriteEntityAsync(HttpContext context, EntityRecord record)
    {
        var latest = record.Key.Kind == EntityKind.Model
            ? LatestModelVersion(await grains.GetEntityGrain(record.Key).ListChildren(EntityKind.ModelVersion))
            : 0;
        var rendered = responses?.TryGetEntity(record.Key, record.Version, latest);
        var tag = rendered?.Tag ?? EntityTags.ForEntity(record, latest);
        if (EntityTags.Matches(context.Request, tag))
        {
            NotModified(context, tag);
            return;
        }

        if (rendered is null)
        {
            var body = Json(writer =>
            {
                writer.WritePropertyName(Envelope(record.Key.Kind));
                EntityJson.Write(writer, record, latest);
            });
            rendered = new RenderedResponse(tag, body.WrittenSpan.ToArray(), record.Version, latest);
            responses?.StoreEntity(record.Key, rendered);
        }

        await WriteAsync(context, rendered);
    }

    private async Task ListAsync(HttpContext context, ApiRoute route)
    {
        var container = route.Container;
        var details = string.Equals(context.Request.Query["details"], "true", StringComparison.OrdinalIgnoreCase);

        // The metalake list is not kept: a metalake's changes come on its own stream, and no one stream tells of them all.
        var kept = responses is not null && near is not null && container.Kind != EntityKind.Root;
        var key = ResponseKey.List(container, route.Kind, details);
        var ticket = 0L;
        if (kept)
        {
            if (responses!.TryGetList(key) is { } held)
            {
                await WriteOrNotModifiedAsync(context, held);
                return;
            }

            // Subscribed before the ticket: no change after it goes unseen.
            await near!.Subscriptions.EnsureSubscribedAsync(container);
            ticket = responses.BeginListFill();
        }

        var rendered = await RenderListAsync(route, container, details);
        if (kept)
        {
            responses!.CompleteListFill(key, rendered, ticket);
        }

        await WriteOrNotModifiedAsync(context, rendered);
    }

    private async Task<RenderedResponse> RenderListAsync(ApiRoute route, EntityKey container, bool details)
    {
        var children = await grains.GetEntityGrain(container).ListChildren(route.Kind);
        ArrayBufferWriter<byte> body;
        switch (route.Kind)
        {
            case EntityKind.Metalake:
                body = await DetailsAsync("metalakes", children);
                break;
            case EntityKind.Catalog when details:
                body = await DetailsAsync("catalogs", children);
                break;
            case EntityKind.Tag or EntityKind.Policy when details:
                body = await DetailsAsync(route.Kind == EntityKind.Tag ? "tags" : "policies", children);
                break;
            case EntityKind.Tag or EntityKind.Policy:
                body = Json(writer => WriteArray(writer, "names", children, (w, child) => w.WriteStringValue(child.Identifier.Name)));
                break;
            case EntityKind.ModelVersion when details:
                body = await DetailsAsync("infos", children);
                break;
            case EntityKind.ModelVersion:
                body = Json(writer => WriteArray(writer, "versions", children, (w, child) => w.WriteNumberValue(VersionNumber(child))));
                break;
            default:
                body = Json(writer => WriteArray(writer, "identifiers", children, (w, child) =>
                {
                    w.WriteStartObject();
                    WriteArray(w, "namespace", child.Identifier.Namespace.Levels, (lw, level) => lw.WriteStringValue(level));
                    w.WriteString("name", child.Identifier.Name);
                    w.WriteEndObject();
                }));
                break;
        }

        // The digest is taken once per rendering; a kept list is not digested again per request.
        return new RenderedResponse(EntityTags.ForList(body.WrittenSpan), body.WrittenSpan.ToArray());
    }

    private Task WriteOrNotModifiedAsync(HttpContext context, RenderedResponse rendered)
    {
        if (EntityTags.Matches(context.Request, rendered.Tag))
        {
            NotModified(context, rendered.Tag);
            return Task.CompletedTask;
        }

        return WriteAsync(context, rendered);
    }

    private async Task<ArrayBufferWriter<byte>> DetailsAsync(string property, IReadOnlyList<EntityKey> children)
    {
        var records = await LoadAllAsync(children);
        var latest = new Dictionary<EntityKey, int>();
        foreach (var model in records.Where(record => record.Key.Kind == EntityKind.Model))
        {
            latest[model.Key] = LatestModelVersion(await grains.GetEntityGrain(model.Key).ListChildren(EntityKind.ModelVersion));
        }

        return Json(writer => WriteArray(writer, property, records, (w, record) => EntityJson.Write(w, record, latest.GetValueOrDefault(record.Key))));
    }

    /// <summary>
    /// Loads the children that still exist (one dropped since the list was taken is left out), from
    /// their grains: not through the near cache, whose single flight may hand a list fill a read begun
    /// before a change its ticket already counts, which the list would then keep.
    /// </summary>
    private async Task<List<EntityRecord>> LoadAllAsync(IReadOnlyList<EntityKey> keys)
    {
        var records = await Task.WhenAll(keys.Select(key => grains.GetEntityGrain(key).Find()));
        return [.. records.OfType<EntityRecord>()];
    }

    private static int VersionNumber(EntityKey version) => int.Parse(version.Identifier.Name, CultureInfo.InvariantCulture);

    /// <summary>Gravitino's <c>latestVersion</c>: the number the next linked version gets (0 for a model without versions).</summary>
    private static int LatestModelVersion(IReadOnlyList<EntityKey> versions) => versions.Count == 0 ? 0 : versions.Max(VersionNumber) + 1;

    private static ArrayBufferWriter<byte> Json(Action<Utf8JsonWriter> content)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(body, GravitinoMedia.Writer);
        writer.WriteStartObject();
        writer.WriteNumber("code", 0);
        content(writer);
        writer.WriteEndObject();
        writer.Flush();
        return body;
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string property, IEnumerable<T> items, Action<Utf8JsonWriter, T> item)
    {
        writer.WriteStartArray(property);
        foreach (var value in items)
        {
            item(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void NotModified(HttpContext context, string tag)
    {
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        context.Response.Headers.ETag = tag;
    }

    /// <summary>
    /// Sends <paramref name="rendered"/>: compressed in the coding the request prefers when the body is
    /// at least <see cref="RestResponseCacheOptions.CompressionMinBytes"/> (with a weak tag, as a
    /// compressed copy is another representation of the same version), else its JSON bytes.
    /// </summary>
    private async Task WriteAsync(HttpContext context, RenderedResponse rendered)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GravitinoMedia.Json;
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        var body = rendered.Json;
        var tag = rendered.Tag;
        if (_compressionMinBytes > 0 && body.Length >= _compressionMinBytes)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (ContentCodings.Choose(context.Request) is var coding and not ContentCoding.Identity)
            {
                body = rendered.Encoded(coding);
                tag = "W/" + tag;
                response.Headers.ContentEncoding = ContentCodings.Token(coding);
            }
        }

        response.Headers.ETag = tag;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
