using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Tests.Support.Properties;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>
/// A random change to a generated organization, read from an array of choices: members joining, leaving or
/// changing (status, full access, ownership, lockout, grants), and sometimes the scopes (created, moved, renamed,
/// deleted) or the organization's roles (created, edited, deleted) replaced. Gives the change and the snapshot after it.
/// </summary>
internal static class ChangeRecipe
{
    public static (OrganizationChange Change, OrganizationSnapshot After) Next(GeneratedOrganization generated, OrganizationSnapshot current, Genes genes, int serial)
    {
        var scopes = genes.OneIn(4) ? ChangeScopes(current.Scopes, genes, serial) : null;
        var roles = genes.OneIn(4) ? ChangeRoles(generated.Codes, current.Roles, genes, serial) : null;
        var targetScopes = scopes ?? current.Scopes;
        var roleKeys = generated.SystemRoles.Select(r => r.Key).Concat((roles ?? current.Roles).Select(r => r.Key)).Append("deleted").ToArray();
        var members = new Dictionary<Guid, MemberChange>();
        for (var n = genes.Next(5); n > 0; n--)
        {
            var change = ChangeMember(current, targetScopes, roleKeys, genes, serial * 100 + n);
            members.TryAdd(change.MemberId, change);
        }
        var change1 = new OrganizationChange([.. members.Values], scopes, roles);
        return (change1, After(current, change1));
    }

    /// <summary>The snapshot a change leads to: what a full reload after the change would read.</summary>
    public static OrganizationSnapshot After(OrganizationSnapshot current, OrganizationChange change)
    {
        var changed = change.Members.ToDictionary(m => m.MemberId);
        return new OrganizationSnapshot(
            current.OrganizationId,
            change.Scopes ?? current.Scopes,
            [.. current.Members.Where(m => !changed.ContainsKey(m.MemberId)), .. change.Members.Select(m => m.Entry).OfType<MemberEntry>()],
            change.Roles ?? current.Roles,
            [.. current.Grants.Where(g => !changed.ContainsKey(g.MemberId)), .. change.Members.Where(m => m.Entry is not null).SelectMany(m => m.Grants)]);
    }

    private static MemberChange ChangeMember(OrganizationSnapshot current, IReadOnlyList<ScopeEntry> scopes, string[] roleKeys, Genes genes, int serial)
    {
        var existing = current.Members.Count > 0 && !genes.OneIn(3) ? genes.Pick(current.Members) : null;
        if (existing is not null && genes.OneIn(4))
        {
            return MemberChange.Removed(existing.MemberId);
        }
        var memberId = existing?.MemberId ?? OrganizationGenerator.Id(IdKind.Member, 10_000 + serial);
        var userId = existing?.UserId ?? OrganizationGenerator.Id(IdKind.User, 10_000 + serial);
        var entry = new MemberEntry(
            memberId, userId, $"Member {serial}",
            genes.OneIn(5) ? MemberStatus.Deactivated : MemberStatus.Active,
            IsOwner: genes.OneIn(10),
            HasFullAccess: genes.OneIn(8),
            LockoutEnd: genes.Next(8) switch
            {
                0 => OrganizationGenerator.Now.AddMinutes(30),
                1 => OrganizationGenerator.Now.AddMinutes(-30),
                _ => null,
            });
        if (existing is not null && genes.OneIn(2))
        {
            entry = existing with { Status = entry.Status, HasFullAccess = entry.HasFullAccess };
        }
        var grants = Enumerable.Range(0, genes.Next(6))
            .Select(_ => new GrantEntry(memberId, genes.Pick(roleKeys), Target(scopes, genes)))
            .ToArray();
        return new MemberChange(memberId, entry, grants);
    }

    private static Guid? Target(IReadOnlyList<ScopeEntry> scopes, Genes genes) => genes.Next(10) switch
    {
        < 3 => null,
        3 => OrganizationGenerator.UnknownScope,
        _ when scopes.Count > 0 => genes.Pick(scopes).Id,
        _ => null,
    };

    /// <summary>One or two of: a scope created (under any scope, the top, or outside), moved (even under its own child), renamed or deleted.</summary>
    private static ScopeEntry[] ChangeScopes(IReadOnlyList<ScopeEntry> scopes, Genes genes, int serial)
    {
        var list = scopes.ToList();
        for (var n = 1 + genes.Next(2); n > 0; n--)
        {
            var kind = list.Count == 0 ? 0 : genes.Next(4);
            Guid? parent = list.Count > 0 && !genes.OneIn(3) ? genes.Pick(list).Id : genes.OneIn(4) ? OrganizationGenerator.UnknownScope : null;
            switch (kind)
            {
                case 0:
                    list.Add(new ScopeEntry(OrganizationGenerator.Id(IdKind.Scope, 20_000 + (serial * 10) + n), parent, $"New {serial}.{n}"));
                    break;
                case 1:
                    var moved = genes.Next(list.Count);
                    list[moved] = list[moved] with { ParentId = parent };
                    break;
                case 2:
                    var renamed = genes.Next(list.Count);
                    list[renamed] = list[renamed] with { Name = $"Renamed {serial}" };
                    break;
                default:
                    list.RemoveAt(genes.Next(list.Count));
                    break;
            }
        }
        return [.. list];
    }

    /// <summary>One of: a role created, a role's permissions replaced, a role deleted.</summary>
    private static RoleEntry[] ChangeRoles(string[] codes, IReadOnlyList<RoleEntry> roles, Genes genes, int serial)
    {
        var list = roles.ToList();
        string[] Permissions() => [.. Enumerable.Range(0, genes.Next(8)).Select(_ => genes.OneIn(8) ? "ghost.view" : genes.Pick(codes)).Distinct()];
        switch (list.Count == 0 ? 0 : genes.Next(3))
        {
            case 0:
                list.Add(new RoleEntry($"new{serial}", $"New {serial}", RoleKind.Custom, Permissions()));
                break;
            case 1:
                var edited = genes.Next(list.Count);
                list[edited] = list[edited] with { Permissions = Permissions() };
                break;
            default:
                list.RemoveAt(genes.Next(list.Count));
                break;
        }
        return [.. list];
    }
}
