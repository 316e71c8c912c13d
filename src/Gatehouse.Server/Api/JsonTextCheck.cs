using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Gatehouse.Server.Api;

/// <summary>
/// Refuses a NUL character in any string of a JSON request body (see <see cref="Hosting.TextInput"/>): after each
/// object is read, its string and string-list properties are checked. A contract modifier rather than a string
/// converter, so the OpenAPI document still describes strings as strings.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>The modifier for the HTTP JSON options' type info resolver.</summary>
    public static void RefuseNul(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var texts = type.Properties
            .Where(p => p.Get is not null && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .Select(p => (p.Name, Get: p.Get!))
            .ToArray();
        if (texts.Length == 0)
        {
            return;
        }
        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var (name, get) in texts)
            {
                Check(name, get(value));
            }
            previous?.Invoke(value);
        };
    }

    private static void Check(string name, object? value)
    {
        switch (value)
        {
            case string text when text.Contains('\0', StringComparison.Ordinal):
                throw new InvalidTextException(name);
            case IEnumerable<string> list when value is not string:
                var index = 0;
                foreach (var item in list)
                {
                    if (item?.Contains('\0', StringComparison.Ordinal) == true)
                    {
                        throw new InvalidTextException($"{name}[{index}]");
                    }
                    index++;
                }
                break;
        }
    }
}

/// <summary>A string in a JSON body holds a NUL; <see cref="Property"/> is its name within the object at the exception's path.</summary>
public sealed class InvalidTextException(string property) : JsonException(Hosting.TextInput.Sentence(property))
{
    /// <summary>The property (with an index for a list item) within the object being read.</summary>
    public string Property { get; } = property;
}
