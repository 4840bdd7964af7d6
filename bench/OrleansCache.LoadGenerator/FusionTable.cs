namespace OrleansCache.LoadGenerator;

/// <summary>The same table shape as a plain DTO, as a FusionCache user would cache it (JSON in Redis).</summary>
internal sealed class FusionTable
{
    public string Name { get; set; } = string.Empty;

    public long Version { get; set; }

    public string? Comment { get; set; }

    public List<FusionColumn> Columns { get; set; } = [];

    public List<string> Partitioning { get; set; } = [];

    public List<string> SortOrders { get; set; } = [];

    public string? Distribution { get; set; }

    public Dictionary<string, string> Properties { get; set; } = [];

    public static FusionTable From(int index)
    {
        var payload = TableShape.Payload(index);
        return new FusionTable
        {
            Name = TableShape.Key(index).ToString(),
            Version = 1,
            Comment = payload.Comment,
            Columns = [.. payload.Columns.Select(c => new FusionColumn { Name = c.Name, DataType = c.DataType, Nullable = c.Nullable, Comment = c.Comment })],
            Partitioning = [.. payload.Partitioning],
            SortOrders = [.. payload.SortOrders],
            Distribution = payload.Distribution,
            Properties = payload.Properties.ToDictionary(),
        };
    }

    public FusionTable WithProperty(string key, string value) => new()
    {
        Name = Name,
        Version = Version + 1,
        Comment = Comment,
        Columns = Columns,
        Partitioning = Partitioning,
        SortOrders = SortOrders,
        Distribution = Distribution,
        Properties = new Dictionary<string, string>(Properties) { [key] = value },
    };
}

internal sealed class FusionColumn
{
    public string Name { get; set; } = string.Empty;

    public string DataType { get; set; } = string.Empty;

    public bool Nullable { get; set; }

    public string? Comment { get; set; }
}
