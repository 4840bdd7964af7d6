using System.Collections.Immutable;
using OrleansCache.Errors;
using OrleansCache.Naming;

namespace OrleansCache.Entities;

/// <summary>
/// A table's payload: columns, and its partitioning, sort order, distribution and indexes (as
/// expressions in text for now), comment and properties.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.TablePayload")]
public sealed record TablePayload : EntityPayload
{
    /// <inheritdoc/>
    public override EntityKind Kind => EntityKind.Table;

    /// <summary>The columns, in order.</summary>
    [Id(0)]
    public ImmutableArray<Column> Columns { get; init; } = [];

    /// <summary>Partitioning transforms (for example <c>day(ts)</c>).</summary>
    [Id(1)]
    public ImmutableArray<string> Partitioning { get; init; } = [];

    /// <summary>Sort orders (for example <c>ts DESC NULLS LAST</c>).</summary>
    [Id(2)]
    public ImmutableArray<string> SortOrders { get; init; } = [];

    /// <summary>The distribution (for example <c>hash(id) 16</c>), or null.</summary>
    [Id(3)]
    public string? Distribution { get; init; }

    /// <summary>Indexes (for example <c>PRIMARY KEY (id)</c>).</summary>
    [Id(4)]
    public ImmutableArray<string> Indexes { get; init; } = [];

    /// <inheritdoc/>
    public override EntityPayload ShareStrings(StringPool pool)
    {
        var table = (TablePayload)base.ShareStrings(pool);
        if (table.Columns.IsDefaultOrEmpty || table.Columns.All(column => column is null || ReferenceEquals(column, column.ShareStrings(pool))))
        {
            return table;
        }

        return table with { Columns = [.. table.Columns.Select(column => column?.ShareStrings(pool)!)] };
    }

    /// <inheritdoc/>
    public override void Validate(string identifier)
    {
        base.Validate(identifier);
        var columns = Columns.IsDefault ? [] : Columns;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (column is null || string.IsNullOrWhiteSpace(column.Name))
            {
                throw new InvalidEntityException(identifier, "every column needs a name");
            }

            if (string.IsNullOrWhiteSpace(column.DataType))
            {
                throw new InvalidEntityException(identifier, $"column '{column.Name}' needs a data type");
            }

            if (!DataTypes.IsValid(column.DataType))
            {
                throw new InvalidEntityException(identifier, $"column '{column.Name}' has data type '{column.DataType}', which is not a Gravitino type; accepted: {DataTypes.AcceptedForms}");
            }

            if (!seen.Add(column.Name))
            {
                throw new InvalidEntityException(identifier, $"column '{column.Name}' appears more than once");
            }
        }
    }
}
