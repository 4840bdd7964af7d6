using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.SampleService;

/// <summary>The service's one endpoint: a table's metadata, as the service's callers want it.</summary>
public static class TableEndpoints
{
    /// <summary>Maps <c>GET /tables/{metalake}/{catalog}/{schema}/{table}</c>.</summary>
    public static IEndpointRouteBuilder MapTableEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/tables/{metalake}/{catalog}/{schema}/{table}", GetTableAsync);
        return endpoints;
    }

    private static async Task<IResult> GetTableAsync(string metalake, string catalog, string schema, string table, IOrleansCacheClient cache)
    {
        try
        {
            var record = await cache.LoadAsync(EntityKey.Table(metalake, catalog, schema, table));
            var payload = (TablePayload)record.Payload;
            return Results.Ok(new TableView(
                record.Key.Identifier.ToString(),
                record.Version,
                payload.Comment,
                [.. payload.Columns.Select(column => new ColumnView(column.Name, column.DataType, column.Nullable))]));
        }
        catch (InvalidNameException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (EntityNotFoundException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }
}

/// <summary>A table as the service returns it.</summary>
public sealed record TableView(string Name, long Version, string? Comment, IReadOnlyList<ColumnView> Columns);

/// <summary>A column as the service returns it.</summary>
public sealed record ColumnView(string Name, string Type, bool Nullable);
