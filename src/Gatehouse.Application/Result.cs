using System.Diagnostics.CodeAnalysis;

namespace Gatehouse.Application;

/// <summary>What a use case answers: its value, or the expected failure that stopped it.</summary>
/// <remarks>A class rather than a struct so that no default value can pass for a success.</remarks>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        Failure = failure;
    }

    /// <summary>Why the use case stopped, or null when it succeeded.</summary>
    public Failure? Failure { get; }

    /// <summary>True when the use case succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>The value; only on success.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"The use case failed ({Failure}); it has no value.");

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static Result<T> Fail(Failure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>A success.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>A failure.</summary>
    public static implicit operator Result<T>(Failure failure) => Fail(failure);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"ok: {_value}" : $"failed: {Failure}";
}
