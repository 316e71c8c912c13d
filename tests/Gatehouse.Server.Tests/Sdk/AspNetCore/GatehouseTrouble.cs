using System.Net;
using System.Net.Sockets;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>What the product's calls to Gatehouse's REST API meet.</summary>
public enum ApiPath
{
    /// <summary>Gatehouse itself.</summary>
    Gatehouse,

    /// <summary>A loopback port nobody listens on (connection refused).</summary>
    ClosedPort,

    /// <summary>A server that accepts the connection and never answers.</summary>
    Hanging,

    /// <summary>An answer 503 from a proxy in front of Gatehouse.</summary>
    ServerError,
}

/// <summary>
/// Sits in the product's REST API client (<c>Gatehouse.Api</c>): counts the batch checks it sends, and sends them where the test
/// says: to Gatehouse, to a closed port, to a server that never answers, or answers 503 itself. The network failures are real.
/// </summary>
public sealed class GatehouseTrouble : DelegatingHandler
{
    private readonly TcpListener _hanging = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private int _batches;

    /// <summary>Starts the silent server.</summary>
    public GatehouseTrouble()
    {
        _hanging.Start();
        _ = HoldAsync();
    }

    /// <summary>Where the calls go now.</summary>
    public ApiPath Path { get; set; }

    /// <summary>How many batch check requests were sent so far.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/check/batch", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _batches);
        }
        var port = Path switch
        {
            ApiPath.ClosedPort => MailServer.FreePort(),
            ApiPath.Hanging => ((IPEndPoint)_hanging.LocalEndpoint).Port,
            _ => (int?)null,
        };
        if (Path == ApiPath.ServerError)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
        }
        if (port is { } elsewhere)
        {
            request.RequestUri = new UriBuilder(request.RequestUri) { Port = elsewhere }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }

    private async Task HoldAsync()
    {
        try
        {
            while (true)
            {
                // Accepted and kept open, never read from nor answered.
                _held.Add(await _hanging.AcceptTcpClientAsync());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hanging.Stop();
            _held.ForEach(c => c.Dispose());
        }
        base.Dispose(disposing);
    }
}
