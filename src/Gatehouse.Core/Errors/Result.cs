namespace Gatehouse.Core.Errors;

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    /// <summary>The failure, or null when the operation succeeded.</summary>
    public Error? Error { get; }

    /// <summary>True when the operation succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful outcome.</summary>
    public static Result Success { get; } = new(null);

    /// <summary>A failed outcome.</summary>
    public static Result Fail(Error error) => new(error);

    /// <summary>A failed outcome.</summary>
    public static implicit operator Result(Error error) => new(error);
}

/// <summary>The outcome of an operation producing a value that can fail in an expected way.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>The failure, or null when the operation succeeded.</summary>
    public Error? Error { get; }

    /// <summary>True when the operation succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful outcome.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A failed outcome.</summary>
    public static Result<T> Fail(Error error) => new(default, error);

    /// <summary>A successful outcome.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>A failed outcome.</summary>
    public static implicit operator Result<T>(Error error) => Fail(error);
}
