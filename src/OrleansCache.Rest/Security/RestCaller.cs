namespace OrleansCache.Rest.Security;

/// <summary>Who a request on the REST port was accepted as, and until when its credential holds.</summary>
/// <param name="User">The user name (Gravitino's principal); <c>anonymous</c> for a request without a checked credential.</param>
/// <param name="Expires">When the credential stops being valid (a token's expiry, plus the allowed skew); null when it does not expire.</param>
internal sealed record RestCaller(string User, DateTimeOffset? Expires)
{
    /// <summary>Gravitino's name for a request without credentials.</summary>
    public static readonly RestCaller Anonymous = new("anonymous", null);
}
