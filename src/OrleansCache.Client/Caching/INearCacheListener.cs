using OrleansCache.Events;
using OrleansCache.Naming;

namespace OrleansCache.Client.Caching;

/// <summary>
/// Something kept beside a <see cref="NearCache"/> by the same rules (the REST host's rendered
/// responses): told of every change the near cache applies and every scope it distrusts, in the
/// same call, so it drops what they make stale with no cursor of its own.
/// </summary>
/// <remarks>
/// Calls come on the change scope's delivery path, in log order, one at a time per metalake; they
/// must not block. <see cref="Applied"/> follows the near cache's own drop; <see cref="Distrusted"/>
/// precedes it.
/// </remarks>
internal interface INearCacheListener
{
    /// <summary>A change event (received or repaired from a log) was applied.</summary>
    void Applied(EntityChanged changed);

    /// <summary>Events about <paramref name="scope"/> (everything when null) may have been missed.</summary>
    void Distrusted(EntityKey? scope);
}
