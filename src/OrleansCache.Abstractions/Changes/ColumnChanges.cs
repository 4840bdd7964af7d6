using System.Collections.Immutable;
using OrleansCache.Entities;
using OrleansCache.Errors;

namespace OrleansCache.Changes;

/// <summary>A change to a table's columns; refused on any other kind.</summary>
[GenerateSerializer, Immutable, Alias("oc.ColumnChange")]
public abstract record ColumnChange : EntityChange
{
    /// <inheritdoc/>
    public sealed override EntityPayload Apply(EntityPayload payload, string identifier)
    {
        if (payload is not TablePayload table)
        {
            throw new InvalidEntityException(identifier, $"{GetType().Name} applies to tables only");
        }

        var columns = table.Columns.IsDefault ? [] : table.Columns;
        return table with { Columns = ApplyToColumns(columns, identifier) };
    }

    /// <summary>Returns the table's columns after this change.</summary>
    protected abstract ImmutableArray<Column> ApplyToColumns(ImmutableArray<Column> columns, string identifier);

    /// <summary>The position of the named column (case-insensitive), or -1.</summary>
    protected static int IndexOf(ImmutableArray<Column> columns, string name)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The position of the named column, or an error naming it.</summary>
    protected static int Require(ImmutableArray<Column> columns, string name, string identifier)
    {
        var index = IndexOf(columns, name);
        return index >= 0 ? index : throw new InvalidEntityException(identifier, $"column '{name}' does not exist");
    }
}

/// <summary>Adds a column at <see cref="Position"/> (0-based), or last when null.</summary>
[GenerateSerializer, Immutable, Alias("oc.AddColumn")]
public sealed record AddColumn([property: Id(0)] Column Column, [property: Id(1)] int? Position = null) : ColumnChange
{
    /// <inheritdoc/>
    protected override ImmutableArray<Column> ApplyToColumns(ImmutableArray<Column> columns, string identifier)
    {
        if (Column is null || string.IsNullOrWhiteSpace(Column.Name) || string.IsNullOrWhiteSpace(Column.DataType))
        {
            throw new InvalidEntityException(identifier, "a new column needs a name and a data type");
        }

        if (IndexOf(columns, Column.Name) >= 0)
        {
            throw new InvalidEntityException(identifier, $"column '{Column.Name}' already exists");
        }

        var position = Position ?? columns.Length;
        if (position < 0 || position > columns.Length)
        {
            throw new InvalidEntityException(identifier, $"column position {position} is outside 0..{columns.Length}");
        }

        return columns.Insert(position, Column);
    }
}

/// <summary>Drops a column; with <see cref="IfExists"/> an absent column is not an error.</summary>
[GenerateSerializer, Immutable, Alias("oc.DeleteColumn")]
public sealed record DeleteColumn([property: Id(0)] string Name, [property: Id(1)] bool IfExists = false) : ColumnChange
{
    /// <inheritdoc/>
    protected override ImmutableArray<Column> ApplyToColumns(ImmutableArray<Column> columns, string identifier)
    {
        var index = IndexOf(columns, Name);
        if (index < 0)
        {
            return IfExists ? columns : throw new InvalidEntityException(identifier, $"column '{Name}' does not exist");
        }

        return columns.RemoveAt(index);
    }
}

/// <summary>
/// Alters a column: each non-null field replaces the column's value (<see cref="NewName"/> renames it).
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.UpdateColumn")]
public sealed record UpdateColumn([property: Id(0)] string Name) : ColumnChange
{
    /// <summary>A new name, or null to keep it.</summary>
    [Id(1)]
    public string? NewName { get; init; }

    /// <summary>A new data type, or null to keep it.</summary>
    [Id(2)]
    public string? NewDataType { get; init; }

    /// <summary>A new comment, or null to keep it.</summary>
    [Id(3)]
    public string? NewComment { get; init; }

    /// <summary>A new nullability, or null to keep it.</summary>
    [Id(4)]
    public bool? NewNullable { get; init; }

    /// <summary>A new default value expression, or null to keep it.</summary>
    [Id(5)]
    public string? NewDefaultValue { get; init; }

    /// <inheritdoc/>
    protected override ImmutableArray<Column> ApplyToColumns(ImmutableArray<Column> columns, string identifier)
    {
        var index = Require(columns, Name, identifier);
        var column = columns[index];
        if (NewName is not null)
        {
            if (string.IsNullOrWhiteSpace(NewName))
            {
                throw new InvalidEntityException(identifier, "a column's new name must not be blank");
            }

            var clash = IndexOf(columns, NewName);
            if (clash >= 0 && clash != index)
            {
                throw new InvalidEntityException(identifier, $"column '{NewName}' already exists");
            }
        }

        if (NewDataType is not null && string.IsNullOrWhiteSpace(NewDataType))
        {
            throw new InvalidEntityException(identifier, "a column's new data type must not be blank");
        }

        var updated = column with
        {
            Name = NewName ?? column.Name,
            DataType = NewDataType ?? column.DataType,
            Comment = NewComment ?? column.Comment,
            Nullable = NewNullable ?? column.Nullable,
            DefaultValue = NewDefaultValue ?? column.DefaultValue,
        };
        return columns.SetItem(index, updated);
    }
}
