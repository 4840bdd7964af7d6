using Microsoft.AspNetCore.Http;

namespace OrleansCache.Rest.Security;

/// <summary>
/// Ends a long-lived answer (the change feed) when the credential it was served on expires: for its
/// lifetime the request's <see cref="HttpContext.RequestAborted"/> also fires at the expiry, so the
/// feed stops as if the reader had left and the response ends; the reader must reconnect with a fresh
/// credential, which is checked again. Disposing restores the request's own token.
/// </summary>
internal sealed class CredentialLifetime : IDisposable
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);
    private readonly HttpContext _context;
    private readonly CancellationToken _original;
    private readonly CancellationTokenSource? _expiry;

    private CredentialLifetime(HttpContext context, CancellationTokenSource? expiry)
    {
        _context = context;
        _original = context.RequestAborted;
        _expiry = expiry;
        if (expiry is not null)
        {
            context.RequestAborted = expiry.Token;
        }
    }

    /// <summary>True when the credential expired (rather than the reader leaving).</summary>
    public bool Expired => _expiry?.IsCancellationRequested == true && !_original.IsCancellationRequested;

    /// <summary>Binds the request to <paramref name="caller"/>'s expiry; a credential without one changes nothing.</summary>
    public static CredentialLifetime Bind(HttpContext context, RestCaller caller, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Expires is not { } expires)
        {
            return new CredentialLifetime(context, null);
        }

        // A timer cannot wait longer than about 24 days; a feed open that long is ended then and reconnects.
        var left = Math.Clamp((expires - time.GetUtcNow()).Ticks, 0, LongestWait.Ticks);
        var expiry = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        expiry.CancelAfter(TimeSpan.FromTicks(left));
        return new CredentialLifetime(context, expiry);
    }

    public void Dispose()
    {
        if (_expiry is not null)
        {
            _context.RequestAborted = _original;
            _expiry.Dispose();
        }
    }
}
