using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Gatehouse.Application.Paging;

/// <summary>One page of a list and the cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Opaque cursors: a base64url JSON of the last row's sort key, so pages stay stable while rows are added.</summary>
public static class Cursor
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    // A cursor must hold every part of its key: '{}' or a key with nulls where none belong is not one this server made.
    private static readonly JsonSerializerOptions Strict = new() { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    /// <summary>Encodes a key.</summary>
    public static string Encode<T>(T key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    /// <summary>Decodes a key; false when the cursor is not one this server made.</summary>
    public static bool TryDecode<T>(string? cursor, out T? key)
    {
        key = default;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            if (cursor.Length > 1024)
            {
                return false;
            }
            key = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(cursor), Strict);
            return key is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The stable code of a cursor this server did not make.</summary>
    public const string InvalidCursorCode = "invalid_cursor";

    /// <summary>The failure for a page size out of range, or null.</summary>
    public static Failure? CheckLimit(int? limit) =>
        limit is < 1 or > MaxPageSize
            ? Failure.Invalid("limit", Work.WorkCodes.ValidationFailed, $"'limit' must be between 1 and {MaxPageSize}.")
            : null;

    /// <summary>The failure for a cursor this server did not make.</summary>
    public static Failure Invalid() =>
        Failure.Invalid("cursor", InvalidCursorCode, "The cursor is not valid. Use the 'nextCursor' of the previous page, or leave it out to start from the beginning.");

}
