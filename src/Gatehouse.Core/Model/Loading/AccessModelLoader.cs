namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads an access model from YAML, reporting every problem with its file, line and key path.</summary>
/// <remarks>The format is described in <c>docs/access-models.md</c>.</remarks>
public static class AccessModelLoader
{
    /// <summary>Loads a model file; messages name the file as <paramref name="path"/> is written.</summary>
    public static AccessModelLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return AccessModelLoadResult.Fail([ModelError.Whole(ModelErrorCodes.FileUnreadable, $"Cannot read access model file '{path}': {e.Message}")]);
        }
        return LoadText(text, path);
    }

    /// <summary>Loads a model from YAML text; <paramref name="sourceName"/> (such as <c>workshops.yaml</c>) names it in messages.</summary>
    public static AccessModelLoadResult LoadText(string text, string sourceName)
    {
        var (root, error) = YamlText.Parse(text, sourceName);
        if (error is not null)
        {
            return AccessModelLoadResult.Fail([error]);
        }
        var reader = new ModelReader(sourceName);
        var model = ModelDocument.Read(reader, root!);
        return model is not null && !reader.HasErrors ? AccessModelLoadResult.Ok(model) : AccessModelLoadResult.Fail(reader.Errors);
    }
}
