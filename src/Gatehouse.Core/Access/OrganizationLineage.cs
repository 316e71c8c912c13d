namespace Gatehouse.Core.Access;

/// <summary>
/// What every version of one organization shares from a full compile to the next: the permission pool and the
/// numbering of places (the organization, then every scope id ever seen) and of role keys, so members' grants stay
/// compact (two ints each) and a patch need not renumber anything. Only ever appended to; readers need no lock.
/// </summary>
/// <remarks>
/// The indexes that number new ids are needed only while compiling or patching; <see cref="Seal"/> drops them after
/// a compile (most organizations are never patched) and the first patch builds them again from the arrays.
/// </remarks>
internal sealed class OrganizationLineage
{
    private Dictionary<Guid, int>? _places;
    private Dictionary<string, int>? _roles;
    private Guid[] _placeIds;
    private readonly CompiledModel _model;
    private string[] _roleKeys = new string[4];
    private int _placeCount = 1;
    private int _roleCount;

    public OrganizationLineage(CompiledModel model, Guid organizationId, int expectedPlaces, int expectedSets)
    {
        _model = model;
        Pool = new PermissionPool(model.Stride, expectedSets);
        _placeIds = new Guid[Math.Max(4, expectedPlaces + 1)];
        _placeIds[0] = organizationId;
    }

    public PermissionPool Pool { get; }

    /// <summary>The pool's size after the full compile, to tell when patches have left too many unused sets.</summary>
    public int PoolWordsAtCompile { get; private set; }

    /// <summary>Place ids by index; index 0 is the organization. Covers every index handed out so far.</summary>
    public Guid[] PlaceIds => Volatile.Read(ref _placeIds);

    public int PlaceCount => Volatile.Read(ref _placeCount);

    /// <summary>Role numbers handed out: the model's system roles are 0 to S-1 in every organization, its own follow.</summary>
    public int RoleCount => _model.SystemRoles.Count + Volatile.Read(ref _roleCount);

    public string RoleKey(int role) =>
        role < _model.SystemRoles.Count ? _model.SystemRoles[role].Key : Volatile.Read(ref _roleKeys)[role - _model.SystemRoles.Count];

    public Guid PlaceId(int place) => Volatile.Read(ref _placeIds)[place];

    /// <summary>The index of a scope id (or the organization's id), numbering it when new.</summary>
    public int PlaceOf(Guid id)
    {
        lock (Pool)
        {
            _places ??= Enumerable.Range(0, _placeCount).ToDictionary(i => _placeIds[i]);
            if (_places.TryGetValue(id, out var place))
            {
                return place;
            }
            if (_placeCount == _placeIds.Length)
            {
                var grown = new Guid[_placeIds.Length * 2];
                _placeIds.CopyTo(grown, 0);
                Volatile.Write(ref _placeIds, grown);
            }
            _placeIds[_placeCount] = id;
            _places[id] = _placeCount;
            Volatile.Write(ref _placeCount, _placeCount + 1);
            return _placeCount - 1;
        }
    }

    /// <summary>The index of a role key, numbering it when new (a key no role has any more keeps its number).</summary>
    public int RoleOf(string key)
    {
        if (_model.SystemRoleNumber(key) is var system and >= 0)
        {
            return system;
        }
        lock (Pool)
        {
            _roles ??= Enumerable.Range(0, _roleCount).ToDictionary(i => _roleKeys[i], StringComparer.Ordinal);
            if (_roles.TryGetValue(key, out var role))
            {
                return _model.SystemRoles.Count + role;
            }
            if (_roleCount == _roleKeys.Length)
            {
                var grown = new string[_roleKeys.Length * 2];
                _roleKeys.CopyTo(grown, 0);
                Volatile.Write(ref _roleKeys, grown);
            }
            _roleKeys[_roleCount] = key;
            _roles[key] = _roleCount;
            Volatile.Write(ref _roleCount, _roleCount + 1);
            return _model.SystemRoles.Count + _roleCount - 1;
        }
    }

    /// <summary>Ends a full compile: remembers the pool's size and drops the indexes until the next patch.</summary>
    public void Seal()
    {
        lock (Pool)
        {
            PoolWordsAtCompile = Pool.Used;
            _places = null;
            _roles = null;
            Volatile.Write(ref _placeIds, _placeIds[.._placeCount]);
            Volatile.Write(ref _roleKeys, _roleKeys[..Math.Max(1, _roleCount)]);
        }
        Pool.Trim();
    }
}
