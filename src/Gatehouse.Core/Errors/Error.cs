namespace Gatehouse.Core.Errors;

/// <summary>An expected failure: a stable machine code and a sentence a person can act on.</summary>
/// <param name="Code">Stable snake_case code, part of the public contract (for example <c>seat_limit_reached</c>).</param>
/// <param name="Message">A sentence saying what went wrong and what to do about it.</param>
/// <param name="Field">The offending input field, when the error is about one.</param>
public sealed record Error(string Code, string Message, string? Field = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
