namespace OrleansCache.ClientSample.Connection;

/// <summary>Tells a command when the connection to the cluster goes and comes back (the Orleans client's notifications).</summary>
internal sealed class ConnectionStatus : IClusterConnectionStatusObserver
{
    private int _lost;

    /// <summary>Raised when the client lost every gateway.</summary>
    public event EventHandler? Lost;

    /// <summary>Raised when a gateway answers again after a loss.</summary>
    public event EventHandler? Recovered;

    public void NotifyClusterConnectionLost()
    {
        Interlocked.Exchange(ref _lost, 1);
        Lost?.Invoke(this, EventArgs.Empty);
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        // The first connection is reported as a recovery too; only one after a loss is news.
        if (connectionRecovered && Interlocked.Exchange(ref _lost, 0) == 1)
        {
            Recovered?.Invoke(this, EventArgs.Empty);
        }
    }
}
