using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Security;

/// <summary>One invitation as stored: what it offers and whether its link changed.</summary>
internal sealed record StoredInvitation(Guid Id, string Status, string TokenHash, IReadOnlyList<(string Role, Guid? Scope)> Grants, bool FullAccess);

/// <summary>One member as stored.</summary>
internal sealed record StoredMember(Guid Id, Guid UserId, bool IsActive, bool HasFullAccess, bool IsOwner, int Version);

/// <summary>
/// An organization's access as the database holds it, and what it gives, computed here from the stored rows
/// with the access rule of DESIGN.md (a model of the engine written without the engine).
/// </summary>
internal sealed class StoredAccess
{
    private readonly AccessModel _model;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _roles;

    private StoredAccess(AccessModel model, IReadOnlyDictionary<Guid, StoredMember> members, IReadOnlyList<(Guid Member, string Role, Guid? Scope)> grants,
        IReadOnlyDictionary<Guid, Guid?> scopes, IReadOnlyDictionary<string, IReadOnlySet<string>> roles, IReadOnlyDictionary<Guid, StoredInvitation> invitations, string state)
    {
        Invitations = invitations;
        _model = model;
        Members = members;
        Grants = grants;
        Scopes = scopes;
        _roles = roles;
        State = state;
    }

    public IReadOnlyDictionary<Guid, StoredMember> Members { get; }

    public IReadOnlyList<(Guid Member, string Role, Guid? Scope)> Grants { get; }

    public IReadOnlyDictionary<Guid, StoredInvitation> Invitations { get; }

    /// <summary>Each scope and its parent.</summary>
    public IReadOnlyDictionary<Guid, Guid?> Scopes { get; }

    /// <summary>The organization (null) and every scope.</summary>
    public IEnumerable<Guid?> Targets => Scopes.Keys.Select(s => (Guid?)s).Prepend(null);

    /// <summary>Every stored row that decides access or invitations, as text: equal text, nothing changed.</summary>
    public string State { get; }

    public static async Task<StoredAccess> ReadAsync(GatehouseApp app, AccessModel model, Guid organizationId)
    {
        return await app.InDatabaseAsync(async db =>
        {
            var members = await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToListAsync();
            var grants = await db.Grants.AsNoTracking().Where(g => g.OrganizationId == organizationId).ToListAsync();
            var scopes = await db.Scopes.AsNoTracking().Where(s => s.OrganizationId == organizationId).ToListAsync();
            var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync();
            var invitations = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == organizationId).ToListAsync();
            var state = string.Join("\n", [
                .. members.OrderBy(m => m.Id).Select(m => $"member {m.Id} {m.Status} full={m.HasFullAccess} owner={m.IsOwner} v{m.Version}"),
                .. grants.Select(g => $"grant {g.MemberId} {g.RoleKey} {g.ScopeId}").Order(StringComparer.Ordinal),
                .. scopes.OrderBy(s => s.Id).Select(s => $"scope {s.Id} under {s.ParentId} {s.Name}"),
                .. roles.OrderBy(r => r.Id).Select(r => $"role {r.Key} {r.Name} v{r.Version} [{string.Join(",", r.Permissions.Order(StringComparer.Ordinal))}]"),
                .. invitations.OrderBy(i => i.Id).Select(i => $"invitation {i.Id} {i.Status} {i.TokenHash} {i.ResendCount} [{string.Join(",", i.Grants)}] full={i.FullAccess}"),
            ]);
            return new StoredAccess(model,
                members.ToDictionary(m => m.Id, m => new StoredMember(m.Id, m.UserId, m.Status == MemberStatus.Active, m.HasFullAccess, m.IsOwner, m.Version)),
                [.. grants.Select(g => (g.MemberId, g.RoleKey, g.ScopeId))],
                scopes.ToDictionary(s => s.Id, s => s.ParentId),
                roles.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Permissions.ToHashSet()),
                invitations.ToDictionary(i => i.Id, i => new StoredInvitation(i.Id, i.Status.ToString(), i.TokenHash, [.. i.Grants.Select(g => (g.RoleKey, g.ScopeId))], i.FullAccess)),
                state);
        });
    }

    /// <summary>The scope and its ancestors, nearest first.</summary>
    public IEnumerable<Guid> Chain(Guid scope)
    {
        for (Guid? at = scope; at is { } s && Scopes.ContainsKey(s); at = Scopes[s])
        {
            yield return s;
        }
    }

    /// <summary>What the member may do at the target: nothing unless active; everything with full access or ownership; else the union of the grants that apply there.</summary>
    public IReadOnlySet<string> Effective(Guid memberId, Guid? target)
    {
        if (!Members.TryGetValue(memberId, out var member) || !member.IsActive || (target is { } t && !Scopes.ContainsKey(t)))
        {
            return new HashSet<string>();
        }
        if (member.HasFullAccess || member.IsOwner)
        {
            return _model.Catalog.All.Select(p => p.Code).ToHashSet();
        }
        var places = target is { } scope ? Chain(scope).ToHashSet() : [];
        return Grants.Where(g => g.Member == memberId && (g.Scope is null || places.Contains(g.Scope.Value)))
            .SelectMany(g => PermissionsOf(g.Role))
            .ToHashSet();
    }

    /// <summary>The permissions of a role (system or custom), as codes, with every permission they imply ("edit includes view").</summary>
    public IEnumerable<string> PermissionsOf(string role) =>
        WithImplied(_roles.TryGetValue(role, out var custom) ? custom
            : _model.SystemRolePermissions(role) is { } set ? _model.Catalog.CodesOf(set)
            : []);

    /// <summary>The codes and everything they imply, followed through (written here without the catalog's own closure).</summary>
    private HashSet<string> WithImplied(IEnumerable<string> codes)
    {
        var implies = _model.Catalog.All.ToDictionary(p => p.Code, p => p.Implies);
        var held = new HashSet<string>();
        var pending = new Stack<string>(codes);
        while (pending.TryPop(out var code))
        {
            if (held.Add(code) && implies.TryGetValue(code, out var more))
            {
                foreach (var implied in more)
                {
                    pending.Push(implied);
                }
            }
        }
        return held;
    }
}
