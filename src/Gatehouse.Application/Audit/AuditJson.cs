using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Application.Audit;

/// <summary>The JSON form of values stored in audit events.</summary>
public static class AuditJson
{
    // Enums as the API writes them ("deactivated", not 1), so the audit log reads the same in the API, the console and the CSV.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serializes a value the way the API shows it.</summary>
    public static string Of(object value) => JsonSerializer.Serialize(value, Options);
}
