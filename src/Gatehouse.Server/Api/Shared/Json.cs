using System.Text.Json;

namespace Gatehouse.Server.Api;

/// <summary>The JSON form of values stored in audit events.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes a value the way the API shows it.</summary>
    public static string Of(object value) => JsonSerializer.Serialize(value, Options);
}
