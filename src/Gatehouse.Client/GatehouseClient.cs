using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Client;

/// <summary>The hand-written part of the generated client: where Gatehouse is and who is asking.</summary>
public partial class GatehouseClient
{
    private readonly string? _baseUrl;
    private readonly Func<string>? _bearerToken;

    /// <summary>
    /// A client of the Gatehouse at <paramref name="baseUrl"/> that sends <paramref name="bearerToken"/> with every request:
    /// an API key (<c>ghk_…</c>) or a person's access token from Gatehouse's OpenID Connect provider.
    /// </summary>
    /// <param name="httpClient">Used as it is (its <c>BaseAddress</c> and default headers are left alone), so it can be shared.</param>
    /// <param name="baseUrl">Where Gatehouse answers, e.g. <c>https://gatehouse.example.com</c> (or a path below which it is served).</param>
    /// <param name="bearerToken">The API key or access token.</param>
    public GatehouseClient(HttpClient httpClient, Uri baseUrl, string bearerToken)
        : this(httpClient, baseUrl, () => bearerToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bearerToken);
    }

    /// <summary>
    /// A client of the Gatehouse at <paramref name="baseUrl"/> that asks <paramref name="bearerToken"/> for the token before
    /// each request, for access tokens that are renewed while the client lives.
    /// </summary>
    public GatehouseClient(HttpClient httpClient, Uri baseUrl, Func<string> bearerToken)
        : this(httpClient)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(bearerToken);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("Gatehouse's address must be absolute, e.g. https://gatehouse.example.com.", nameof(baseUrl));
        }
        // The generated paths are relative ("api/v1/…"), so a Gatehouse served below a path keeps that path.
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        _bearerToken = bearerToken;
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder)
    {
        if (_baseUrl is not null)
        {
            urlBuilder.Insert(0, _baseUrl);
        }
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (_bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearerToken());
        }
    }

    // An optional field left null is not sent, so a request says only what the caller set (Gatehouse reads a missing
    // field as "not given").
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
