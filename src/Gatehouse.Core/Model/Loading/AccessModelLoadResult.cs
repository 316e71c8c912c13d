using System.Diagnostics.CodeAnalysis;
using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Model.Loading;

/// <summary>The outcome of loading an access model: the model, or every problem found, in file order.</summary>
public sealed class AccessModelLoadResult
{
    /// <summary>Code of the single error a failed result becomes when it holds several problems.</summary>
    public const string InvalidModelCode = "access_model_invalid";

    private AccessModelLoadResult(AccessModel? model, IReadOnlyList<ModelError> errors)
    {
        Model = model;
        Errors = errors;
    }

    /// <summary>The loaded model, or null when loading failed.</summary>
    public AccessModel? Model { get; }

    /// <summary>Every problem found; empty on success.</summary>
    public IReadOnlyList<ModelError> Errors { get; }

    /// <summary>True when the model loaded.</summary>
    [MemberNotNullWhen(true, nameof(Model))]
    public bool Succeeded => Model is not null;

    /// <summary>A loaded model.</summary>
    public static AccessModelLoadResult Ok(AccessModel model) => new(model, []);

    /// <summary>A failure with at least one problem.</summary>
    public static AccessModelLoadResult Fail(IReadOnlyList<ModelError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));

    /// <summary>
    /// The outcome as a general result. A single problem keeps its own code; several become
    /// <see cref="InvalidModelCode"/> with every message, one per line, so nothing is lost in a log.
    /// </summary>
    public Result<AccessModel> ToResult() => Succeeded
        ? Model
        : Errors.Count == 1
            ? Errors[0].ToError()
            : new Error(InvalidModelCode, $"The access model has {Errors.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, Errors.Select(e => e.Message))}");

    /// <summary>The outcome as a general result (see <see cref="ToResult"/>).</summary>
    public static implicit operator Result<AccessModel>(AccessModelLoadResult result) => result.ToResult();
}
