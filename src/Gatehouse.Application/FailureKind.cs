namespace Gatehouse.Application;

/// <summary>What kind of expected failure a use case met; each surface maps it to its own answer (an HTTP status, an exit code).</summary>
public enum FailureKind
{
    /// <summary>The input is malformed (HTTP 400).</summary>
    Invalid,

    /// <summary>The input is well formed but cannot be carried out under the organization's access model (HTTP 422).</summary>
    Rejected,

    /// <summary>The actor may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The thing does not exist, or the actor may not know it exists (HTTP 404).</summary>
    NotFound,

    /// <summary>The request clashes with the current state (HTTP 409).</summary>
    Conflict,

    /// <summary>The thing existed but is no longer usable, such as a used invitation link (HTTP 410).</summary>
    Gone,

    /// <summary>A store or service the use case needs is out of reach for now (HTTP 503).</summary>
    Unavailable,
}
