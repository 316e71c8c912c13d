using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>One organization's access data compiled for checks: roles as bitsets, grants per member and target, scope ancestry.</summary>
/// <remarks>Immutable once built: readers need no lock, and a change swaps in a new instance for this organization only.</remarks>
public sealed partial class CompiledOrganization
{
    private static readonly GrantEntry[] NoGrants = [];

    private readonly CompiledModel _compiledModel;
    private readonly PermissionCatalog _catalog;
    private readonly GuidLookup<MemberSlot> _membersByUser;
    private readonly GuidLookup<int> _memberIndex;
    private readonly CompiledMember[] _members;
    private readonly GuidLookup<int> _scopeChains;
    private readonly ScopeEntry[] _scopes;
    private readonly Dictionary<string, CompiledRole> _roles;

    // Everything a check reads after the two lookups, in one array so a check touches few cache lines: the scope
    // ancestry (see ScopeAncestry), one MemberRecord per member, then from _setsBase on the distinct sets members
    // hold at scopes, once each; every set is _setWords 32-bit words.
    private readonly int[] _data;
    private readonly int _setsBase;
    private readonly int _setWords;
    private readonly int _permissionCount;

    /// <summary>Compiles a snapshot against the access model.</summary>
    public CompiledOrganization(AccessModel model, OrganizationSnapshot snapshot)
    {
        Model = model;
        OrganizationId = snapshot.OrganizationId;
        _compiledModel = CompiledModel.For(model);
        _catalog = model.Catalog;
        _permissionCount = model.Catalog.Count;
        _setWords = 2 * _compiledModel.Stride;
        _scopes = [.. snapshot.Scopes];
        var scopeIndex = new GuidLookup<int>(_scopes.Length, _scopes.Select((s, i) => KeyValuePair.Create(s.Id, i)));
        _roles = CompileRoles(model, _compiledModel, snapshot.Roles);
        var entries = snapshot.Members;
        _memberIndex = new GuidLookup<int>(entries.Count, entries.Select((m, i) => KeyValuePair.Create(m.MemberId, i)));
        var data = new List<int>(_scopes.Length * 5 + entries.Count * 8 + snapshot.Grants.Count * 2);
        ScopeAncestry.Write(data, _scopes, scopeIndex);
        _scopeChains = new GuidLookup<int>(_scopes.Length, _scopes.Select((s, i) => KeyValuePair.Create(s.Id, data[i])));
        var grants = GroupGrantsByMember(snapshot.Grants, entries.Count);
        var compiler = new MemberCompiler(_compiledModel.Stride, _roles, scopeIndex, data);
        _members = new CompiledMember[entries.Count];
        for (var i = 0; i < _members.Length; i++)
        {
            _members[i] = compiler.Compile(entries[i], grants[i]);
        }
        _setsBase = compiler.WriteSets();
        _data = [.. data];
        _membersByUser = new GuidLookup<MemberSlot>(_members.Length, _members.Select(m => KeyValuePair.Create(m.Entry.UserId, new MemberSlot(m, m.Record))));
        OwnerCount = _members.Count(m => m.Entry.IsOwner && m.IsActive);
    }

    /// <summary>The access model the organization was compiled against.</summary>
    public AccessModel Model { get; }

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; }

    /// <summary>Number of active owners.</summary>
    public int OwnerCount { get; }

    /// <summary>Every member, in snapshot order.</summary>
    public IEnumerable<CompiledMember> Members => _members;

    /// <summary>Every scope.</summary>
    public IReadOnlyList<ScopeEntry> Scopes => _scopes;

    /// <summary>Every role usable in the organization: the model's system roles and the organization's own.</summary>
    public IEnumerable<CompiledRole> Roles => _roles.Values;

    /// <summary>Finds a member by user.</summary>
    public CompiledMember? FindMemberByUser(Guid userId) => _membersByUser.TryGetValue(userId, out var slot) ? slot.Member : null;

    /// <summary>Finds a member by membership id.</summary>
    public CompiledMember? FindMember(Guid memberId) => _memberIndex.TryGetValue(memberId, out var i) ? _members[i] : null;

    /// <summary>Finds a role by key.</summary>
    public CompiledRole? FindRole(string key) => _roles.GetValueOrDefault(key);

    private static Dictionary<string, CompiledRole> CompileRoles(AccessModel model, CompiledModel compiled, IReadOnlyList<RoleEntry> organizationRoles)
    {
        var roles = new Dictionary<string, CompiledRole>(compiled.SystemRoles.Count + organizationRoles.Count, StringComparer.Ordinal);
        foreach (var role in compiled.SystemRoles)
        {
            roles.Add(role.Key, role);
        }
        foreach (var role in organizationRoles)
        {
            var permissions = model.Catalog.SetOf(role.Permissions.Where(model.Catalog.Contains));
            roles.Add(role.Key, new CompiledRole(role.Key, role.Name, role.Kind, permissions, GrantTargets.Anywhere));
        }
        return roles;
    }

    /// <summary>Each member's grants in snapshot order; grants of someone who is not a member are dropped.</summary>
    private GrantEntry[][] GroupGrantsByMember(IReadOnlyList<GrantEntry> grants, int memberCount)
    {
        var counts = new int[memberCount];
        foreach (var grant in grants)
        {
            if (_memberIndex.TryGetValue(grant.MemberId, out var i))
            {
                counts[i]++;
            }
        }
        var grouped = counts.Select(c => c == 0 ? NoGrants : new GrantEntry[c]).ToArray();
        Array.Clear(counts);
        foreach (var grant in grants)
        {
            if (_memberIndex.TryGetValue(grant.MemberId, out var i))
            {
                grouped[i][counts[i]++] = grant;
            }
        }
        return grouped;
    }

    /// <summary>What the user lookup holds: the member for the cold paths, and its record offset so a check skips the object.</summary>
    private readonly record struct MemberSlot(CompiledMember Member, int Record);
}
