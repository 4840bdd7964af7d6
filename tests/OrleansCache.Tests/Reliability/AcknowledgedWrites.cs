using System.Collections.Concurrent;
using OrleansCache.Entities;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Reliability;

/// <summary>
/// The last acknowledged write of each entity under a fault, and the check that storage still holds
/// it afterwards: same version and comment, or a newer version (a write that failed may still have
/// landed, which is allowed; losing an acknowledged one is not).
/// </summary>
public sealed class AcknowledgedWrites
{
    private readonly ConcurrentDictionary<EntityKey, (long Version, string Comment)> _last = new();

    /// <summary>Records an acknowledged write whose comment was <paramref name="comment"/>.</summary>
    public void Record(EntityRecord record, string comment) => _last[record.Key] = (record.Version, comment);

    /// <summary>
    /// Starts one writer per entity (so each entity's acknowledged writes are in order), altering
    /// its comment to v1, v2, … through <paramref name="alter"/> until <paramref name="stop"/>;
    /// every attempt goes to <paramref name="log"/> as <c>write</c>, and a failure pauses the
    /// writer for <paramref name="backoff"/>.
    /// </summary>
    public Task[] StartWriters(IEnumerable<EntityKey> keys, Func<EntityKey, string, Task<EntityRecord>> alter, CallLog log, TimeSpan backoff, CancellationToken stop) =>
        [.. keys.Select(key => Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var comment = $"v{n}";
                if (!await log.RunAsync("write", async () => Record(await alter(key, comment), comment)) && backoff > TimeSpan.Zero)
                {
                    await Task.Delay(backoff, CancellationToken.None);
                }
            }
        }))];

    /// <summary>The entities whose last acknowledged write storage no longer holds, described, read with <paramref name="readStored"/>.</summary>
    public async Task<IReadOnlyList<string>> FindLostAsync(Func<EntityKey, Task<EntityRecord>> readStored)
    {
        var lost = new List<string>();
        foreach (var (key, (version, comment)) in _last)
        {
            EntityRecord stored;
            try
            {
                stored = await readStored(key);
            }
            catch (Errors.EntityNotFoundException)
            {
                // The whole entity is gone: every acknowledged write of it was lost.
                lost.Add($"{key}: acknowledged v{version} '{comment}', stored nothing");
                continue;
            }

            if (stored.Version < version || (stored.Version == version && stored.Payload.Comment != comment))
            {
                lost.Add($"{key}: acknowledged v{version} '{comment}', stored v{stored.Version} '{stored.Payload.Comment}'");
            }
        }

        return lost;
    }
}
