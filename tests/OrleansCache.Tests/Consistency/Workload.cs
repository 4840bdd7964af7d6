using System.Collections.Immutable;
using OrleansCache.Changes;
using OrleansCache.Client;
using OrleansCache.Entities;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Tests.Consistency;

/// <summary>
/// A small hot set of tables under two schemas, one writer and several readers, every operation
/// recorded. The writer alters, renames (there and back), drops and re-creates tables, and now and
/// then drops a whole schema with cascade and re-creates it. Readers read every name that ever
/// exists, hot keys more often.
/// </summary>
public sealed class Workload
{
    private const int TablesPerSchema = 6;
    private readonly History _history = new();
    private readonly EntityKey _lake = EntityKey.Metalake(Infrastructure.Payloads.Unique("lake"));
    private readonly Dictionary<(int Schema, int Table), EntityKey?> _tables = [];
    private readonly EntityKey[] _schemas;
    private readonly EntityKey[] _names;
    private bool _schema1Exists = true;
    private IOrleansCacheClient? _writer;

    public Workload()
    {
        var catalog = _lake.Child(EntityKind.Catalog, "c");
        _schemas = [catalog.Child(EntityKind.Schema, "s0"), catalog.Child(EntityKind.Schema, "s1")];
        _names =
        [
            .. _schemas,
            .. from schema in _schemas
               from i in Enumerable.Range(0, TablesPerSchema)
               from suffix in new[] { string.Empty, "_r" }
               select schema.Child(EntityKind.Table, $"t{i}{suffix}"),
        ];
    }

    public History History => _history;

    /// <summary>The metalake the workload runs in.</summary>
    public EntityKey Metalake => _lake;

    /// <summary>
    /// Creates the metalake, catalog, schemas and tables, recorded like every later change, so the
    /// checker knows every key started absent.
    /// </summary>
    public async Task SetUpAsync(IOrleansCacheClient writer)
    {
        _writer = writer;
        await RecordAsync(0, OpKind.Write, _lake, () => writer.CreateAsync(_lake, new MetalakePayload()));
        var catalog = _schemas[0].Parent;
        await RecordAsync(0, OpKind.Write, catalog, () => writer.CreateAsync(catalog, new CatalogPayload { Type = CatalogType.Relational, Provider = "hive" }));
        foreach (var schema in _schemas)
        {
            if (!await CreateSchemaAsync(writer, schema))
            {
                throw new InvalidOperationException($"Setting up {schema} failed.");
            }
        }
    }

    /// <summary>The writer's loop (client id 0): changes, each followed by a read of what it changed.</summary>
    public async Task WriteAsync(IOrleansCacheClient writer, int seed, CancellationToken stop)
    {
        _writer = writer;
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            var schema = random.Next(2);
            var slot = (schema, random.Next(TablesPerSchema));
            if (roll < 3)
            {
                await DropAndRecreateSchemaAsync(writer);
            }
            else if (schema == 1 && !_schema1Exists)
            {
                continue;
            }
            else if (_tables[slot] is not { } key)
            {
                await RecordWriteAsync(0, slot, Name(slot, renamed: false), () => writer.CreateAsync(Name(slot, false), TablePayload()));
            }
            else if (roll < 75)
            {
                await RecordWriteAsync(0, slot, key, () => writer.AlterAsync(key, [new SetProperty("n", $"{roll}")]));
            }
            else if (roll < 88)
            {
                await RenameAsync(writer, slot, key);
            }
            else
            {
                await RecordRemoveAsync(0, key, () => writer.DropAsync(key), slot);
            }

            // Read-your-writes: read back what was just changed.
            await ReadAsync(writer, 0, _tables[slot] ?? Name(slot, false));
        }
    }

    /// <summary>A reader's loop: reads random names, hot ones (the first table of each schema) half the time.</summary>
    public async Task ReadLoopAsync(IOrleansCacheClient reader, int client, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var key = random.Next(2) == 0
                ? _names[2 + (random.Next(2) * TablesPerSchema * 2)]
                : _names[random.Next(_names.Length)];
            await ReadAsync(reader, client, key);

            // A service reads per request, not in a spin: pacing keeps the history checkable and
            // leaves the machine's two cores to the cluster.
            await Task.Delay(1, CancellationToken.None);
        }
    }

    private async Task ReadAsync(IOrleansCacheClient client, int id, EntityKey key)
    {
        var start = History.Now;
        try
        {
            var record = await client.FindAsync(key);
            _history.Add(new Op(id, OpKind.Read, key, start, History.Now, true, record?.Version, Incarnation(record)));
        }
        catch (CacheUnavailableException)
        {
            // The cluster was unreachable (a fault scenario): no answer, nothing to check.
            _history.Add(new Op(id, OpKind.Read, key, start, History.Now, false, null, null));
        }
    }

    private async Task RenameAsync(IOrleansCacheClient writer, (int Schema, int Table) slot, EntityKey key)
    {
        var renamed = key.Identifier.Name.EndsWith("_r", StringComparison.Ordinal);
        var target = Name(slot, !renamed);
        var start = History.Now;
        try
        {
            var record = await writer.AlterAsync(key, [new RenameEntity(target.Identifier.Name)]);
            var end = History.Now;
            _history.Add(new Op(0, OpKind.Remove, key, start, end, true, record.Version, Incarnation(record)));
            _history.Add(new Op(0, OpKind.Write, target, start, end, true, record.Version, Incarnation(record)));
            _tables[slot] = target;
        }
        catch (CacheUnavailableException)
        {
            var end = History.Now;
            _history.Add(new Op(0, OpKind.Remove, key, start, end, false, null, null));
            _history.Add(new Op(0, OpKind.Write, target, start, end, false, null, null));
            _tables[slot] = await Locate(slot);
        }
    }

    private async Task DropAndRecreateSchemaAsync(IOrleansCacheClient writer)
    {
        var schema = _schemas[1];
        if (_schema1Exists)
        {
            // A drop whose outcome is unknown (the cluster did not answer) is settled by asking:
            // taking it for done would make the next create of the schema fail the writer.
            if (!await RecordRemoveAsync(0, schema, () => writer.DropAsync(schema, cascade: true), null)
                && await LocateAsync(schema))
            {
                return;
            }

            _schema1Exists = false;
            foreach (var i in Enumerable.Range(0, TablesPerSchema))
            {
                _tables[(1, i)] = null;
            }
        }
        else
        {
            _schema1Exists = await CreateSchemaAsync(writer, schema);
        }
    }

    /// <summary>Creates a schema and its tables; false when the schema's create failed (and it is not there).</summary>
    private async Task<bool> CreateSchemaAsync(IOrleansCacheClient writer, EntityKey schema)
    {
        var index = Array.IndexOf(_schemas, schema);
        if (!await RecordAsync(0, OpKind.Write, schema, () => writer.CreateAsync(schema, new SchemaPayload()))
            && !await LocateAsync(schema))
        {
            return false;
        }

        foreach (var i in Enumerable.Range(0, TablesPerSchema))
        {
            var slot = (index, i);
            await RecordWriteAsync(0, slot, Name(slot, false), () => writer.CreateAsync(Name(slot, false), TablePayload()));
        }

        return true;
    }

    /// <summary>Records a create or alter of a key outside the table slots; false when it failed.</summary>
    private async Task<bool> RecordAsync(int client, OpKind kind, EntityKey key, Func<Task<EntityRecord>> write)
    {
        var start = History.Now;
        try
        {
            var record = await write();
            _history.Add(new Op(client, kind, key, start, History.Now, true, record.Version, Incarnation(record)));
            return true;
        }
        catch (CacheUnavailableException)
        {
            _history.Add(new Op(client, kind, key, start, History.Now, false, null, null));
            return false;
        }
    }

    private async Task RecordWriteAsync(int client, (int Schema, int Table) slot, EntityKey key, Func<Task<EntityRecord>> write)
    {
        var start = History.Now;
        try
        {
            var record = await write();
            _history.Add(new Op(client, OpKind.Write, key, start, History.Now, true, record.Version, Incarnation(record)));
            _tables[slot] = key;
        }
        catch (CacheUnavailableException)
        {
            // No answer: the write may or may not have happened.
            _history.Add(new Op(client, OpKind.Write, key, start, History.Now, false, null, null));
            _tables[slot] = await Locate(slot);
        }
        catch (Exception error) when (error is EntityAlreadyExistsException or EntityNotFoundException)
        {
            // Refused: certainly not applied, so nothing to record. The name was out of date: a
            // rename whose outcome was unknown (its silo died mid-move) finished later, on the
            // grain's next activation, after this writer had located the old name.
            _tables[slot] = await Locate(slot);
        }
    }

    /// <summary>Records a removal; false when its outcome is unknown (the cluster did not answer).</summary>
    private async Task<bool> RecordRemoveAsync(int client, EntityKey key, Func<Task<bool>> remove, (int Schema, int Table)? slot)
    {
        var start = History.Now;
        try
        {
            await remove();
            _history.Add(new Op(client, OpKind.Remove, key, start, History.Now, true, null, null));
            if (slot is { } s)
            {
                _tables[s] = null;
            }

            return true;
        }
        catch (CacheUnavailableException)
        {
            _history.Add(new Op(client, OpKind.Remove, key, start, History.Now, false, null, null));
            if (slot is { } s)
            {
                _tables[s] = await Locate(s);
            }

            return false;
        }
    }

    /// <summary>After a write that may or may not have happened, asks the grains (strong reads) which name the table has now.</summary>
    private async Task<EntityKey?> Locate((int Schema, int Table) slot)
    {
        foreach (var renamed in new[] { false, true })
        {
            var key = Name(slot, renamed);
            if (await LocateAsync(key))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="key"/> exists, asked of its grain (a strong read), retried while the
    /// cluster settles. The answer settles a change whose outcome was unknown, and is recorded as
    /// the writer's read, so the checker judges it too.
    /// </summary>
    private async Task<bool> LocateAsync(EntityKey key)
    {
        var writer = _writer!;
        return await Infrastructure.Eventually.Succeeds(
            async () =>
            {
                var start = History.Now;
                var record = await writer.FindAsync(key, ReadConsistency.Strong);
                _history.Add(new Op(0, OpKind.Read, key, start, History.Now, true, record?.Version, Incarnation(record)));
                return record is not null;
            },
            TimeSpan.FromSeconds(30));
    }

    private EntityKey Name((int Schema, int Table) slot, bool renamed) =>
        _schemas[slot.Schema].Child(EntityKind.Table, $"t{slot.Table}{(renamed ? "_r" : string.Empty)}");

    private static TablePayload TablePayload() => new()
    {
        Columns = [new Column { Name = "id", DataType = "bigint" }],
        Properties = ImmutableDictionary<string, string>.Empty.Add("inc", Guid.NewGuid().ToString("N")[..8]),
    };

    private static string? Incarnation(EntityRecord? record) =>
        record?.Payload.Properties.TryGetValue("inc", out var inc) == true ? inc : null;
}
