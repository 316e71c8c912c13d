namespace Gatehouse.AspNetCore;

/// <summary>"May the signed-in person do <paramref name="Permission"/> at <paramref name="ScopeId"/>?"</summary>
/// <param name="Permission">A permission codename of Gatehouse's catalog, e.g. <c>vehicles.view</c>.</param>
/// <param name="ScopeId">The place (a scope of the session's organization), or null for the organization as a whole.</param>
public readonly record struct PermissionQuestion(string Permission, Guid? ScopeId = null);

/// <summary>Why an answer is what it is.</summary>
public enum AccessOutcome
{
    /// <summary>Gatehouse allowed it.</summary>
    Allowed,

    /// <summary>Gatehouse refused it: the person lacks the permission there (or the place is unknown to the organization).</summary>
    Missing,

    /// <summary>The place named by the request is not a place (no scope id, or not an id): refused without asking.</summary>
    UnknownPlace,

    /// <summary>Nobody is signed in through Gatehouse, or Gatehouse no longer accepts the session's token.</summary>
    NotSignedIn,

    /// <summary>Gatehouse could not be reached, did not answer in time, or failed: refused, never allowed.</summary>
    Unavailable,

    /// <summary>Gatehouse refused the question itself (e.g. a permission codename its catalog does not have).</summary>
    Rejected,
}

/// <summary>One answer: allowed or not, and a sentence a person can act on when not.</summary>
/// <param name="Question">What was asked.</param>
/// <param name="Outcome">Why.</param>
/// <param name="Reason">For a refusal, a sentence naming what is missing; null when allowed.</param>
public sealed record AccessDecision(PermissionQuestion Question, AccessOutcome Outcome, string? Reason)
{
    /// <summary>True only when Gatehouse itself allowed it.</summary>
    public bool Allowed => Outcome == AccessOutcome.Allowed;

    /// <summary>The stable code of a refusal (<c>permission_missing</c>, <c>unknown_place</c>, <c>not_signed_in</c>, <c>gatehouse_unavailable</c>, <c>check_rejected</c>).</summary>
    public string? Code => Outcome switch
    {
        AccessOutcome.Allowed => null,
        AccessOutcome.Missing => "permission_missing",
        AccessOutcome.UnknownPlace => "unknown_place",
        AccessOutcome.NotSignedIn => "not_signed_in",
        AccessOutcome.Unavailable => "gatehouse_unavailable",
        _ => "check_rejected",
    };

    internal static AccessDecision Of(PermissionQuestion question, bool allowed) =>
        allowed ? new(question, AccessOutcome.Allowed, null) : Refused(question, AccessOutcome.Missing);

    internal static AccessDecision Refused(PermissionQuestion question, AccessOutcome outcome, string? detail = null) => new(question, outcome, outcome switch
    {
        AccessOutcome.Missing => $"You need the '{question.Permission}' permission {(question.ScopeId is null ? "in this organization" : "here")}.",
        AccessOutcome.UnknownPlace => $"You need the '{question.Permission}' permission here, and this place is unknown.",
        AccessOutcome.NotSignedIn => $"Sign in to use '{question.Permission}'.",
        AccessOutcome.Unavailable => $"Gatehouse could not be reached, so '{question.Permission}' is refused for now; try again shortly.",
        _ => $"Gatehouse refused the check of '{question.Permission}': {detail}",
    });
}

/// <summary>The answers to many questions asked at once, in the order asked.</summary>
public sealed class AccessDecisions(IReadOnlyList<AccessDecision> decisions) : IReadOnlyList<AccessDecision>
{
    /// <inheritdoc/>
    public AccessDecision this[int index] => decisions[index];

    /// <inheritdoc/>
    public int Count => decisions.Count;

    /// <summary>Whether <paramref name="permission"/> was allowed at <paramref name="scopeId"/> (false when it was not asked).</summary>
    public bool IsAllowed(string permission, Guid? scopeId = null) =>
        decisions.Any(d => d.Allowed && d.Question == new PermissionQuestion(permission, scopeId));

    /// <summary>The answer to <paramref name="permission"/> at <paramref name="scopeId"/>, or null when it was not asked.</summary>
    public AccessDecision? Find(string permission, Guid? scopeId = null) =>
        decisions.FirstOrDefault(d => d.Question == new PermissionQuestion(permission, scopeId));

    /// <inheritdoc/>
    public IEnumerator<AccessDecision> GetEnumerator() => decisions.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
