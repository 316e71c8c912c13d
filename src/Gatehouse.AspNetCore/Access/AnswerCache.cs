namespace Gatehouse.AspNetCore.Access;

/// <summary>Whose answer: a person in an organization, about one permission at one place.</summary>
internal readonly record struct AnswerKey(Guid UserId, Guid OrganizationId, string Permission, Guid? ScopeId);

/// <summary>
/// Gatehouse's yes/no answers, kept for <see cref="GatehouseOptions.CacheFor"/> and never more than
/// <see cref="GatehouseOptions.CacheSize"/> of them: the least recently used leave first. Only real answers are kept;
/// a failure to ask is never cached.
/// </summary>
internal sealed class AnswerCache(TimeSpan keepFor, int capacity, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AnswerKey, LinkedListNode<(AnswerKey Key, bool Allowed, DateTimeOffset Until)>> _entries = [];
    private readonly LinkedList<(AnswerKey Key, bool Allowed, DateTimeOffset Until)> _byUse = new();

    /// <summary>How many answers are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The kept answer, when there is one still fresh.</summary>
    public bool TryGet(AnswerKey key, out bool allowed)
    {
        lock (_lock)
        {
            allowed = false;
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }
            if (node.Value.Until <= time.GetUtcNow())
            {
                Remove(node);
                return false;
            }
            _byUse.Remove(node);
            _byUse.AddFirst(node);
            allowed = node.Value.Allowed;
            return true;
        }
    }

    /// <summary>Keeps an answer Gatehouse gave.</summary>
    public void Set(AnswerKey key, bool allowed)
    {
        if (keepFor <= TimeSpan.Zero || capacity <= 0)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                Remove(old);
            }
            while (_entries.Count >= capacity)
            {
                Remove(_byUse.Last!);
            }
            _entries[key] = _byUse.AddFirst((key, allowed, time.GetUtcNow() + keepFor));
        }
    }

    private void Remove(LinkedListNode<(AnswerKey Key, bool Allowed, DateTimeOffset Until)> node)
    {
        _byUse.Remove(node);
        _entries.Remove(node.Value.Key);
    }
}
