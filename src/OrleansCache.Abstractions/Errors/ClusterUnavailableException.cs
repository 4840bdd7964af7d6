namespace OrleansCache.Errors;

/// <summary>
/// No silo could take the request: the connection to the cluster is lost, the silo that held the
/// entity died and the cluster has not re-formed yet, or the cluster refused the message. Retry;
/// the cluster re-forms within its failure-detection time.
/// </summary>
[GenerateSerializer, Alias("oc.ClusterUnavailableException")]
public sealed class ClusterUnavailableException : CacheUnavailableException
{
    /// <summary>Creates the error.</summary>
    public ClusterUnavailableException(string identifier, string cause)
        : base(identifier, $"The cluster could not serve the request for '{identifier}' ({cause}). Retry later.", cause)
    {
    }
}
