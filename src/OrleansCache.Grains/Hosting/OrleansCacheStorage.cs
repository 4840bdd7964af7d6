namespace OrleansCache.Grains;

/// <summary>Names shared by the grains and the hosting extensions.</summary>
public static class OrleansCacheStorage
{
    /// <summary>The grain storage provider that holds entity state.</summary>
    public const string Name = "OrleansCache";
}
