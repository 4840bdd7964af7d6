namespace OrleansCache.Errors;

/// <summary>
/// The base of every error OrleansCache raises on purpose. Each one names the identifier involved
/// and crosses the Orleans wire intact, so a client catches the same type the grain threw.
/// </summary>
[GenerateSerializer, Alias("oc.OrleansCacheException")]
public abstract class OrleansCacheException : Exception
{
    /// <summary>Creates the error.</summary>
    protected OrleansCacheException(string identifier, string message)
        : base(message)
    {
        Identifier = identifier;
    }

    /// <summary>The identifier (or key text) the error is about.</summary>
    [Id(0)]
    public string Identifier { get; private set; }
}
