namespace Gatehouse.Core.Access;

/// <summary>
/// Compiles one member's grants into the sets a check reads: the home set (what their grants on the organization
/// give) and, at every place where that is not all they hold, their whole effective set there.
/// </summary>
/// <remarks>
/// The effective set at a scope is the home set with every role granted on the scope or an ancestor. It differs from
/// the home set exactly in the reach of a scope grant that adds something to it, so only those places get a pair;
/// everywhere else a check falls back to the home set. Full access and owners get no pairs: they bypass the sets.
/// Sets are interned in the organization's pool, so members with the same roles at the same places share one.
/// </remarks>
internal sealed class MemberCompiler
{
    private readonly ScopeTree _scopes;
    private readonly RoleTable _roles;
    private readonly PermissionPool _pool;
    private readonly int _stride;
    private readonly ulong[] _home;
    private readonly ulong[] _effective;
    private ulong[] _reached = [];
    private int[] _reach = [];
    private bool[] _touched = [];
    private readonly List<int> _places = [];

    public MemberCompiler(ScopeTree scopes, RoleTable roles, PermissionPool pool)
    {
        _scopes = scopes;
        _roles = roles;
        _pool = pool;
        _stride = pool.Stride;
        _home = new ulong[_stride];
        _effective = new ulong[_stride];
    }

    /// <summary>Appends the member's pairs (place, set offset) to <paramref name="pairs"/> by place, and returns the home set's offset.</summary>
    public int Compile(CompiledMember member, List<(int Place, int Set)> pairs)
    {
        EnsureScratch();
        Array.Clear(_home);
        foreach (var grant in member.Compact)
        {
            if (grant.Place == 0 && _roles.TryGetWords(grant.Role, out var words))
            {
                Or(_home, words);
            }
        }
        if (!member.BypassesChecks)
        {
            foreach (var grant in member.Compact)
            {
                if (grant.Place != 0 && _roles.TryGetWords(grant.Role, out var words) && !IsWithin(words, _home))
                {
                    Spread(grant.Place, words);
                }
            }
            _places.Sort();
            foreach (var place in _places)
            {
                var reached = _reached.AsSpan(place * _stride, _stride);
                for (var w = 0; w < _stride; w++)
                {
                    _effective[w] = _home[w] | reached[w];
                }
                pairs.Add((place, _pool.Intern(_effective)));
                _touched[place] = false;
            }
            _places.Clear();
        }
        return _pool.Intern(_home);
    }

    /// <summary>ORs a role into the reach of a grant on one place.</summary>
    private void Spread(int place, ulong[] words)
    {
        var count = _scopes.ReachOf(place, _reach);
        foreach (var at in _reach.AsSpan(0, count))
        {
            var reached = _reached.AsSpan(at * _stride, _stride);
            if (!_touched[at])
            {
                _touched[at] = true;
                _places.Add(at);
                reached.Clear();
            }
            Or(reached, words);
        }
    }

    private void EnsureScratch()
    {
        var places = _scopes.PlaceCount;
        if (_touched.Length < places)
        {
            _touched = new bool[places];
            _reach = new int[places];
            _reached = new ulong[places * _stride];
        }
    }

    private static void Or(Span<ulong> into, ReadOnlySpan<ulong> words)
    {
        for (var w = 0; w < into.Length; w++)
        {
            into[w] |= words[w];
        }
    }

    private static bool IsWithin(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> set)
    {
        for (var w = 0; w < words.Length; w++)
        {
            if ((words[w] & ~set[w]) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
