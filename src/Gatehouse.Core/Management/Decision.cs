using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Management;

/// <summary>How a refusal maps onto the API's answer: 403, 404, 409 or 422 (DESIGN.md, "Who may manage whom").</summary>
public enum Refusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The actor may not do this (403).</summary>
    Forbidden,

    /// <summary>The member, scope, role or invitation does not exist in this organization (404).</summary>
    NotFound,

    /// <summary>The request clashes with the current state, such as the last owner or existing access (409).</summary>
    Conflict,

    /// <summary>The request itself is not valid under the access model (422).</summary>
    Invalid,
}

/// <summary>The management policy's answer: allowed, or refused with a stable code and a sentence a person can act on.</summary>
/// <remarks>A class rather than a struct so that no default value can pass for an allowed answer.</remarks>
public sealed record Decision
{
    private Decision(Refusal refusal, Error? error)
    {
        Refusal = refusal;
        Error = error;
    }

    /// <summary>An allowed operation.</summary>
    public static Decision Allowed { get; } = new(Refusal.None, null);

    /// <summary>Why the operation is refused, or null when it is allowed.</summary>
    public Error? Error { get; }

    /// <summary>The kind of refusal, <see cref="Refusal.None"/> when allowed.</summary>
    public Refusal Refusal { get; }

    /// <summary>True when the operation may go ahead.</summary>
    public bool IsAllowed => Error is null;

    /// <summary>The stable code of the refusal, or null when allowed.</summary>
    public string? Code => Error?.Code;

    /// <summary>A refusal.</summary>
    public static Decision Refuse(Refusal refusal, Error error) =>
        refusal == Refusal.None ? throw new ArgumentException("A refusal needs a kind.", nameof(refusal)) : new(refusal, error);

    /// <summary>Evaluates the next rule only when this one allows, so the first refusal is the answer.</summary>
    public Decision Then(Func<Decision> next) => IsAllowed ? next() : this;

    /// <summary>Evaluates a rule for each item in order; the first refusal is the answer.</summary>
    public static Decision All<T>(IEnumerable<T> items, Func<T, Decision> rule)
    {
        foreach (var item in items)
        {
            var decision = rule(item);
            if (!decision.IsAllowed)
            {
                return decision;
            }
        }
        return Allowed;
    }

    /// <inheritdoc/>
    public override string ToString() => IsAllowed ? "allowed" : $"{Refusal}: {Error}";
}
