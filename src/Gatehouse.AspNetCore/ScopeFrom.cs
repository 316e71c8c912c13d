using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.AspNetCore;

/// <summary>Where a <c>RequirePermission</c> finds the place (scope id) a request is about.</summary>
public sealed class ScopeFrom
{
    private readonly Func<HttpContext, string?>? _read;

    private ScopeFrom(string description, Func<HttpContext, string?>? read)
    {
        Description = description;
        _read = read;
    }

    /// <summary>The organization as a whole (no scope).</summary>
    public static ScopeFrom Organization { get; } = new("the organization", null);

    /// <summary>What it reads, for messages and diagnostics.</summary>
    public string Description { get; }

    /// <summary>The route value <paramref name="name"/>, e.g. <c>{workshopId}</c>.</summary>
    public static ScopeFrom Route(string name) => new($"route value '{name}'", http => http.GetRouteValue(name)?.ToString());

    /// <summary>The query string parameter <paramref name="name"/>.</summary>
    public static ScopeFrom Query(string name) => new($"query parameter '{name}'", http => http.Request.Query[name].ToString());

    /// <summary>Anything else the request says; <paramref name="read"/> answers the scope id as text.</summary>
    public static ScopeFrom Request(Func<HttpContext, string?> read) => new("the request", read ?? throw new ArgumentNullException(nameof(read)));

    /// <summary>Whether this is the organization as a whole.</summary>
    internal bool IsOrganization => _read is null;

    /// <summary>The scope id the request names; false when it names none or something that is not an id (an unknown place).</summary>
    internal bool TryRead(HttpContext http, out Guid? scopeId)
    {
        scopeId = null;
        if (_read is null)
        {
            return true;
        }
        if (Guid.TryParse(_read(http), out var id) && id != Guid.Empty)
        {
            scopeId = id;
            return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
