using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Model.Loading;

/// <summary>One problem found in an access model file, with where it is.</summary>
/// <param name="Code">Stable code from <see cref="ModelErrorCodes"/>.</param>
/// <param name="Message">A sentence naming the file, line and key, and what to do.</param>
/// <param name="Line">1-based line, or 0 when the problem is not in the text (file not found, unknown preset).</param>
/// <param name="Column">1-based column, or 0 with <paramref name="Line"/>.</param>
/// <param name="Path">Key path such as <c>roles.basic.permissions[3]</c> (indexes from 0); empty for the whole file.</param>
public sealed record ModelError(string Code, string Message, int Line, int Column, string Path)
{
    /// <summary>The same problem as a general error, with the key path as its field.</summary>
    public Error ToError() => new(Code, Message, Path.Length == 0 ? null : Path);

    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";

    internal static ModelError At(string source, Location where, string code, string problem)
    {
        var place = where.Path.Length == 0 ? $"{source} line {where.Line}" : $"{source} line {where.Line} ({where.Path})";
        return new ModelError(code, $"{place}: {problem}", where.Line, where.Column, where.Path);
    }

    internal static ModelError Whole(string code, string message) => new(code, message, 0, 0, "");
}
