using Microsoft.Extensions.Configuration;

namespace ConnectedWorkshop;

/// <summary>
/// Where the sample answers and which Gatehouse it signs people in with. Read once from configuration, never from a
/// request: the sign-in and sign-out return addresses are built from <see cref="PublicUrl"/>, not from the Host header.
/// </summary>
/// <param name="PublicUrl">The sample's own address (<c>ConnectedWorkshop:PublicUrl</c>, default http://127.0.0.1:5090/).</param>
/// <param name="Authority">Gatehouse's public address (<c>Gatehouse:Authority</c>, default http://127.0.0.1:5080/).</param>
/// <param name="ClientId">The client Gatehouse registered for the sample (<c>Gatehouse:ClientId</c>).</param>
/// <param name="ClientSecret">Its secret (<c>Gatehouse:ClientSecret</c>, from user-secrets or the environment).</param>
public sealed record SampleSettings(Uri PublicUrl, Uri Authority, string ClientId, string ClientSecret)
{
    /// <summary>Reads the settings; a missing client says how to register one.</summary>
    public static SampleSettings From(IConfiguration configuration)
    {
        var publicUrl = Slash(configuration["ConnectedWorkshop:PublicUrl"] ?? "http://127.0.0.1:5090/");
        var authority = Slash(configuration["Gatehouse:Authority"] ?? "http://127.0.0.1:5080/");
        var clientId = configuration["Gatehouse:ClientId"];
        var secret = configuration["Gatehouse:ClientSecret"];
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                "Gatehouse:ClientId and Gatehouse:ClientSecret are not set. Register the sample with Gatehouse once "
                + "(samples/ConnectedWorkshop/README.md, 'Register the sample') and store both with dotnet user-secrets.");
        }
        return new SampleSettings(publicUrl, authority, clientId, secret);
    }

    /// <summary>Gatehouse's console page of the organization's users (the manager's link).</summary>
    public Uri UsersPage(Guid organizationId) => new(Authority, $"orgs/{organizationId}/members");

    // A trailing slash, so relative addresses keep a Gatehouse served below a path.
    private static Uri Slash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
