using Gatehouse.Server.Hosting;

namespace Gatehouse.Server.Email;

/// <summary>Absolute links put in emails: Gatehouse:PublicUrl when set, otherwise the address the request came to.</summary>
public static class PublicLinks
{
    /// <summary>The absolute link to <paramref name="pathAndQuery"/> (which starts with '/').</summary>
    public static string For(GatehouseOptions options, HttpRequest request, string pathAndQuery)
    {
        var baseUrl = options.PublicUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return baseUrl.TrimEnd('/') + pathAndQuery;
    }
}
