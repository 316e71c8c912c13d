using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Where a value sits in a model file: line, column and key path.</summary>
internal readonly record struct Location(int Line, int Column, string Path)
{
    public static Location Of(YamlNode node, string path) => new((int)node.Start.Line, (int)node.Start.Column, path);

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
