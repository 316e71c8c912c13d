using Gatehouse.Core.Management;

namespace Gatehouse.Application;

/// <summary>
/// An expected failure of a use case: its kind, a stable code, a sentence a person can act on, and the input fields
/// it is about (a surface shows each sentence next to its field).
/// </summary>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Code">The stable snake_case code, part of the public contract.</param>
/// <param name="Sentence">What went wrong and what to do about it.</param>
/// <param name="Fields">Sentences per input field (the API's field names, such as <c>emails[0]</c>); empty when about no field.</param>
public sealed record Failure(FailureKind Kind, string Code, string Sentence, IReadOnlyDictionary<string, string[]> Fields)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    /// <summary>The first field the failure is about, or null.</summary>
    public string? Field => Fields.Keys.FirstOrDefault();

    /// <summary>A failure about one field (or none).</summary>
    public static Failure Of(FailureKind kind, string code, string sentence, string? field = null) =>
        new(kind, code, sentence, field is null ? NoFields : new Dictionary<string, string[]> { [field] = [sentence] });

    /// <summary>Malformed input in one field.</summary>
    public static Failure Invalid(string field, string code, string sentence) => Of(FailureKind.Invalid, code, sentence, field);

    /// <summary>Something that does not exist, or that the actor may not know exists.</summary>
    public static Failure NotFound(string code, string sentence) => Of(FailureKind.NotFound, code, sentence);

    /// <summary>The actor may not do this.</summary>
    public static Failure Forbidden(string code, string sentence) => Of(FailureKind.Forbidden, code, sentence);

    /// <summary>The request clashes with the current state.</summary>
    public static Failure Conflict(string code, string sentence, string? field = null) => Of(FailureKind.Conflict, code, sentence, field);

    /// <summary>A domain error of Core, of the kind the use case gives it.</summary>
    public static Failure From(Core.Errors.Error error, FailureKind kind) => Of(kind, error.Code, error.Message, error.Field);

    /// <summary>The management policy's refusal.</summary>
    public static Failure From(Decision decision) =>
        From(decision.Error ?? throw new ArgumentException("An allowed decision is not a failure.", nameof(decision)), KindOf(decision.Refusal));

    /// <summary>The failure kind of a policy refusal.</summary>
    public static FailureKind KindOf(Refusal refusal) => refusal switch
    {
        Refusal.Forbidden => FailureKind.Forbidden,
        Refusal.NotFound => FailureKind.NotFound,
        Refusal.Conflict => FailureKind.Conflict,
        Refusal.Invalid => FailureKind.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Code}: {Sentence}";
}
