using System.Collections.Frozen;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Access;

/// <summary>One organization's access data compiled for checks: roles as bitsets, grants per member and target, scope ancestry.</summary>
public sealed partial class CompiledOrganization
{
    private readonly FrozenDictionary<Guid, CompiledMember> _membersByUser;
    private readonly FrozenDictionary<Guid, CompiledMember> _membersById;
    private readonly FrozenDictionary<Guid, int> _scopeIndex;
    private readonly ScopeEntry[] _scopes;
    private readonly int[][] _ancestors;
    private readonly FrozenDictionary<string, CompiledRole> _roles;
    private readonly PermissionSet _everything;

    /// <summary>Compiles a snapshot against the access model.</summary>
    public CompiledOrganization(AccessModel model, OrganizationSnapshot snapshot)
    {
        Model = model;
        OrganizationId = snapshot.OrganizationId;
        _everything = model.Catalog.Everything();
        _scopes = [.. snapshot.Scopes];
        _scopeIndex = _scopes.Select((s, i) => KeyValuePair.Create(s.Id, i)).ToFrozenDictionary();
        _ancestors = ComputeAncestry(_scopes, _scopeIndex);
        _roles = CompileRoles(model, snapshot.Roles);
        var grantsByMember = snapshot.Grants.ToLookup(g => g.MemberId);
        var members = snapshot.Members.Select(m => CompileMember(m, grantsByMember[m.MemberId])).ToArray();
        _membersByUser = members.ToFrozenDictionary(m => m.Entry.UserId);
        _membersById = members.ToFrozenDictionary(m => m.Entry.MemberId);
        OwnerCount = members.Count(m => m.Entry.IsOwner && m.IsActive);
    }

    /// <summary>The access model the organization was compiled against.</summary>
    public AccessModel Model { get; }

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; }

    /// <summary>Number of active owners.</summary>
    public int OwnerCount { get; }

    /// <summary>Every member.</summary>
    public IEnumerable<CompiledMember> Members => _membersById.Values;

    /// <summary>Every scope.</summary>
    public IReadOnlyList<ScopeEntry> Scopes => _scopes;

    /// <summary>Every role usable in the organization: the model's system roles and the organization's own.</summary>
    public IEnumerable<CompiledRole> Roles => _roles.Values;

    /// <summary>Finds a member by user.</summary>
    public CompiledMember? FindMemberByUser(Guid userId) => _membersByUser.GetValueOrDefault(userId);

    /// <summary>Finds a member by membership id.</summary>
    public CompiledMember? FindMember(Guid memberId) => _membersById.GetValueOrDefault(memberId);

    /// <summary>Finds a role by key.</summary>
    public CompiledRole? FindRole(string key) => _roles.GetValueOrDefault(key);

    /// <summary>True when the scope belongs to this organization.</summary>
    public bool HasScope(Guid scopeId) => _scopeIndex.ContainsKey(scopeId);

    /// <summary>Finds a scope.</summary>
    public ScopeEntry? FindScope(Guid scopeId) => _scopeIndex.TryGetValue(scopeId, out var i) ? _scopes[i] : null;

    /// <summary>The scope and its ancestors, nearest first; empty for an unknown scope.</summary>
    public IEnumerable<ScopeEntry> SelfAndAncestors(Guid scopeId) =>
        _scopeIndex.TryGetValue(scopeId, out var i) ? _ancestors[i].Select(a => _scopes[a]) : [];

    /// <summary>The scope and every scope under it.</summary>
    public IEnumerable<ScopeEntry> SelfAndDescendants(Guid scopeId) =>
        _scopeIndex.TryGetValue(scopeId, out var target)
            ? _scopes.Where((_, i) => Array.IndexOf(_ancestors[i], target) >= 0)
            : [];

    /// <summary>A person-readable name for a target: "workshop Berlin" or "the organization".</summary>
    public string DescribeTarget(Guid? scopeId) =>
        scopeId is { } id && FindScope(id) is { } scope
            ? $"{Model.Scopes?.Singular ?? "scope"} {scope.Name}"
            : $"the {Model.OrganizationLabel}";

    private static int[][] ComputeAncestry(ScopeEntry[] scopes, FrozenDictionary<Guid, int> index)
    {
        var ancestry = new int[scopes.Length][];
        for (var i = 0; i < scopes.Length; i++)
        {
            var chain = new List<int> { i };
            for (var parent = scopes[i].ParentId; parent is { } p && index.TryGetValue(p, out var pi) && !chain.Contains(pi); parent = scopes[pi].ParentId)
            {
                chain.Add(pi);
            }
            ancestry[i] = [.. chain];
        }
        return ancestry;
    }

    private static FrozenDictionary<string, CompiledRole> CompileRoles(AccessModel model, IReadOnlyList<RoleEntry> organizationRoles)
    {
        var roles = model.Roles.Select(r => new CompiledRole(r.Key, r.Name, RoleKind.System, model.SystemRolePermissions(r.Key)!, r.GrantableAt));
        var own = organizationRoles.Select(r => new CompiledRole(
            r.Key, r.Name, r.Kind, model.Catalog.SetOf(r.Permissions.Where(model.Catalog.Contains)), GrantTargets.Anywhere));
        return roles.Concat(own).ToFrozenDictionary(r => r.Key, StringComparer.Ordinal);
    }

    private CompiledMember CompileMember(MemberEntry entry, IEnumerable<GrantEntry> grants)
    {
        var grantList = grants.ToArray();
        var organizationBits = new PermissionSet.Builder(Model.Catalog.Count);
        var perScope = new SortedDictionary<int, PermissionSet.Builder>();
        foreach (var grant in grantList)
        {
            if (_roles.GetValueOrDefault(grant.RoleKey) is not { } role)
            {
                continue; // a grant of a deleted role gives nothing
            }
            if (grant.ScopeId is not { } scopeId)
            {
                organizationBits.Add(role.Permissions);
            }
            else if (_scopeIndex.TryGetValue(scopeId, out var scopeIndex))
            {
                if (!perScope.TryGetValue(scopeIndex, out var builder))
                {
                    perScope[scopeIndex] = builder = new PermissionSet.Builder(Model.Catalog.Count);
                }
                builder.Add(role.Permissions);
            }
        }
        return new CompiledMember(entry, organizationBits.Build(), [.. perScope.Keys], [.. perScope.Values.Select(b => b.Build())], grantList);
    }
}
