namespace OrleansCache.Entities;

/// <summary>A table column.</summary>
[GenerateSerializer, Immutable, Alias("oc.Column")]
public sealed record Column
{
    /// <summary>The column name, unique in its table (case-insensitively).</summary>
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>The data type as text (for example <c>integer</c>, <c>varchar(255)</c>, <c>struct&lt;a:int&gt;</c>).</summary>
    [Id(1)]
    public required string DataType { get; init; }

    /// <summary>Whether the column accepts nulls.</summary>
    [Id(2)]
    public bool Nullable { get; init; } = true;

    /// <summary>A comment, or null.</summary>
    [Id(3)]
    public string? Comment { get; init; }

    /// <summary>The default value expression, or null for none.</summary>
    [Id(4)]
    public string? DefaultValue { get; init; }

    /// <summary>Whether the column is auto-incremented.</summary>
    [Id(5)]
    public bool AutoIncrement { get; init; }

    /// <summary>This column with its name and data type taken from <paramref name="pool"/>; this very instance when they already are the pool's.</summary>
    public Column ShareStrings(StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var name = pool.Share(Name);
        var dataType = pool.Share(DataType);
        return ReferenceEquals(name, Name) && ReferenceEquals(dataType, DataType) ? this : this with { Name = name, DataType = dataType };
    }
}
