using Orleans.Serialization;
using OrleansCache.Entities;

namespace OrleansCache.LoadGenerator;

/// <summary>
/// The in-memory size of one table's record as a grain holds it: the "payload" the silo overhead is
/// measured against. Builds the records of a spread of the populated tables, serializes them, then
/// measures the heap growth of holding their deserialized copies, each with its own objects and
/// strings as a record arriving in a grain call has, and with the strings that repeat across
/// entities taken from <see cref="StringPool.Shared"/> as the grain does
/// (<see cref="EntityRecord.ShareStrings"/>). So what sharing saves lowers the payload, not the
/// overhead.
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

        var held = new EntityRecord[count];
        var before = HeapProbe.Settled();
        for (var j = 0; j < count; j++)
        {
            var record = serializer.Deserialize<EntityRecord>(serialized[j]) ?? throw new InvalidOperationException("A record deserialized to null.");
            held[j] = record.ShareStrings(StringPool.Shared);
        }

        var after = HeapProbe.Settled();
        GC.KeepAlive(held);
        GC.KeepAlive(serialized);
        return (after - before) / (double)count;
    }
}
