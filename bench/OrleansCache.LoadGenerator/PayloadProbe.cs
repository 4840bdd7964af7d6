using Orleans.Serialization;
using OrleansCache.Entities;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The in-memory size of one table's record as a grain holds it: the "payload" the silo overhead is
/// measured against. Builds the records of a spread of the populated tables, serializes them, then
/// measures the heap growth of holding a copy of each one's serialized bytes, as the grain holds its
/// record (docs/adr/0013-compact-held-record.md). So what a compact form saves lowers the payload,
/// not the overhead.
/// </summary>
internal static class PayloadProbe
{
    private const int Samples = 2000;

    public static double BytesPerRecord(Serializer serializer, EntityRecord sample, int entities)
    {
        var count = Math.Min(Samples, entities);
        var serialized = new byte[count][];
        for (var j = 0; j < count; j++)
        {
            var index = (int)((long)j * entities / count);
            var record = sample with { Key = TableShape.Key(index), Payload = TableShape.Payload(index) };
            serialized[j] = serializer.SerializeToArray(record);
        }

        // The grain holds its record as the bytes of its serialized form (docs/adr/0013-compact-held-record.md).
        var held = new byte[count][];
        var before = HeapProbe.Settled();
        for (var j = 0; j < count; j++)
        {
            held[j] = serialized[j].AsSpan().ToArray();
        }

        var after = HeapProbe.Settled();
        GC.KeepAlive(held);
        GC.KeepAlive(serialized);
        return (after - before) / (double)count;
    }
}
