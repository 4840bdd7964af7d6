using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Rest.Api;

/// <summary>
/// Turns a failed read into Gravitino's error: the type its server names (NoSuchTableException for
/// a missing table, NoSuchSchemaException when the schema above it is what is missing,
/// IllegalNameIdentifierException for a name that breaks the rules) and a message in the form of its
/// exception handlers ("Failed to operate table(s) [t] operation [LOAD] under schema [lake.c.s], reason […]").
/// </summary>
internal static class ReadErrors
{
    private static readonly Dictionary<EntityKind, string> Types = new()
    {
        [EntityKind.Metalake] = "NoSuchMetalakeException",
        [EntityKind.Catalog] = "NoSuchCatalogException",
        [EntityKind.Schema] = "NoSuchSchemaException",
        [EntityKind.Table] = "NoSuchTableException",
        [EntityKind.Fileset] = "NoSuchFilesetException",
        [EntityKind.Topic] = "NoSuchTopicException",
        [EntityKind.Model] = "NoSuchModelException",
        [EntityKind.ModelVersion] = "NoSuchModelVersionException",
        [EntityKind.Tag] = "NoSuchTagException",
        [EntityKind.Policy] = "NoSuchPolicyException",
    };

    /// <summary>The error for <paramref name="exception"/> raised while serving <paramref name="route"/>; null when it is not a read error this API knows.</summary>
    public static GravitinoError? For(ApiRoute route, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(route);
        return exception switch
        {
            EntityNotFoundException missing => GravitinoError.NotFound(
                Types.GetValueOrDefault(missing.MissingKind, "NotFoundException"), Message(route, missing.Message)),
            InvalidNameException invalid => GravitinoError.IllegalArguments("IllegalNameIdentifierException", Message(route, invalid.Message)),
            _ => null,
        };
    }

    /// <summary>A not-found error for a model version alias that no version carries.</summary>
    public static GravitinoError AliasNotFound(ApiRoute route) =>
        GravitinoError.NotFound(Types[EntityKind.ModelVersion], Message(route, $"Model version with alias {route.Levels[^1]} does not exist"));

    /// <summary>The message in the form of Gravitino's exception handler for the route's kind.</summary>
    public static string Message(ApiRoute route, string reason)
    {
        ArgumentNullException.ThrowIfNull(route);
        var operation = route.Action == RouteAction.List ? "LIST" : "LOAD";
        var levels = route.Levels;
        var target = route.Action == RouteAction.List || levels.Length == 0 ? "" : $" [{levels[^1]}]";
        var parent = string.Join('.', route.Action == RouteAction.List ? levels : levels[..^1]);
        return route.Kind switch
        {
            EntityKind.Metalake => $"Failed to operate metalake(s){target} operation [{operation}], reason [{reason}]",
            EntityKind.Catalog => $"Failed to operate catalog(s){target} operation [{operation}] under metalake [{parent}], reason [{reason}]",
            EntityKind.Schema => $"Failed to operate schema(s){target} operation [{operation}] under catalog [{parent}], reason [{reason}]",
            EntityKind.Tag => $"Failed to operate tag(s){target} operation [{operation}] under object [{parent}], reason [{reason}]",
            EntityKind.Policy => $"Failed to operate policy(s){target} operation [{operation}] under object [{parent}], reason [{reason}]",
            EntityKind.ModelVersion => $"Failed to operate model(s){target} operation [{operation}] under model [{parent}], reason [{reason}]",
            var kind => $"Failed to operate {EntityKindTokens.ToToken(kind)}(s){target} operation [{operation}] under schema [{parent}], reason [{reason}]",
        };
    }
}
