using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gatehouse.Core.Model.Loading;

/// <summary>
/// Follows the parser's events to know the key path being read, so that when YamlDotNet stops with an
/// error (a duplicate key, bad syntax) the message can still name the key and not only the line.
/// </summary>
internal sealed class PathTrackingParser(IParser inner) : IParser
{
    private readonly List<Frame> _frames = [];
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    public ParsingEvent? Current => inner.Current;

    /// <summary>The key path of the last key or item read, such as <c>roles.basic</c>.</summary>
    public string Path => string.Concat(_frames.Select(f => f switch
    {
        { IsMapping: true, Key: { } key } => "." + key,
        { IsMapping: false, Index: >= 0 } => $"[{f.Index}]",
        _ => "",
    })).TrimStart('.');

    /// <summary>The first alias (<c>*name</c>) naming no anchor defined before it, and its path.</summary>
    public (Mark Start, string Path)? UnknownAlias { get; private set; }

    /// <summary>Where the innermost list or mapping still open was opened, if any.</summary>
    public Mark? InnermostOpening => _frames.Count > 0 ? _frames[^1].Opened : null;

    // An event counts once the loader moves past it: the current one is only being looked at, and
    // following it early would name the next key when YamlDotNet rejects the one just read.
    public bool MoveNext()
    {
        Follow(inner.Current);
        return inner.MoveNext();
    }

    private void Follow(ParsingEvent? parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar when _frames.Count > 0 && _frames[^1] is { IsMapping: true, ExpectingKey: true } mapping:
                mapping.Key = scalar.Value;
                mapping.ExpectingKey = false;
                break;
            case AnchorAlias alias:
                ValueStarts();
                // YamlDotNet resolves aliases after the document and then reports no usable position.
                if (!_anchors.Contains(alias.Value.Value))
                {
                    UnknownAlias ??= (alias.Start, Path);
                }
                ValueEnds();
                break;
            case Scalar scalar:
                Remember(scalar.Anchor);
                ValueStarts();
                ValueEnds();
                break;
            case NodeEvent node and (MappingStart or SequenceStart):
                Remember(node.Anchor);
                ValueStarts();
                _frames.Add(new Frame { IsMapping = parsingEvent is MappingStart, Opened = parsingEvent.Start });
                break;
            case MappingEnd or SequenceEnd:
                _frames.RemoveAt(_frames.Count - 1);
                ValueEnds();
                break;
        }
    }

    private void Remember(AnchorName anchor)
    {
        if (!anchor.IsEmpty)
        {
            _anchors.Add(anchor.Value);
        }
    }

    private void ValueStarts()
    {
        if (_frames.Count > 0 && !_frames[^1].IsMapping)
        {
            _frames[^1].Index++;
        }
    }

    private void ValueEnds()
    {
        if (_frames.Count > 0 && _frames[^1].IsMapping)
        {
            _frames[^1].ExpectingKey = true;
        }
    }

    private sealed class Frame
    {
        public bool IsMapping { get; init; }

        public Mark Opened { get; init; }

        public bool ExpectingKey { get; set; } = true;

        public string? Key { get; set; }

        public int Index { get; set; } = -1;
    }
}
