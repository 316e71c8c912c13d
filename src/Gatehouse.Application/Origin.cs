namespace Gatehouse.Application;

/// <summary>
/// Where a use case was asked from: what the audit log records and what emailed links start with. The public base
/// URL comes from the server's configuration (or the address it listens on), never from a request header.
/// </summary>
/// <param name="ClientAddress">The client's IP address as the server trusts it (after configured proxies), or null (the CLI).</param>
/// <param name="UserAgent">The client's user agent, or null.</param>
/// <param name="PublicBaseUrl">The server's public URL without a trailing slash, such as <c>https://access.example.com</c>.</param>
public sealed record Origin(string? ClientAddress, string? UserAgent, string PublicBaseUrl)
{
    /// <summary>An absolute link to a path of this server.</summary>
    public string LinkTo(string pathAndQuery) => PublicBaseUrl + pathAndQuery;
}
