using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>FsCheck generators for random catalogs, scope forests, roles, members, grants and queries.</summary>
internal static class OrganizationGenerator
{
    public static readonly DateTimeOffset Now = AccessTestModel.Now;
    public static readonly Guid Stranger = Id(IdKind.User, 1_000);
    public static readonly Guid UnknownScope = Id(IdKind.Scope, 5_000);
    private static readonly string[] Actions = ["view", "view_own", "create", "edit"];

    /// <summary>Readable, deterministic ids; two generated organizations share user and scope ids on purpose.</summary>
    public static Guid Id(IdKind kind, int n) => new(n, (short)kind, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static Arbitrary<GeneratedOrganization> Arbitrary() =>
        (from codes in Catalog()
         from systemRoles in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(PermissionsOf(codes), n))
         let roles = systemRoles.Select((p, i) => new RoleDefinition($"sys{i}", $"System {i}", "", p, GrantTargets.Anywhere)).ToArray()
         let keys = roles.Select(r => r.Key).ToArray()
         from organization in Organization(Id(IdKind.Organization, 1), codes, keys)
         from other in Organization(Id(IdKind.Organization, 2), codes, keys)
         from otherChanged in Organization(Id(IdKind.Organization, 2), codes, keys)
         from queries in Queries(codes, roles, organization)
         from implies in Implications(codes)
         select new GeneratedOrganization(codes, roles, organization, other, otherChanged, queries) { Implies = implies }).ToArbitrary();

    /// <summary>1..130 codes drawn from resources with view, view_own, create and edit, in random bit order.</summary>
    private static Gen<string[]> Catalog() =>
        from size in Gen.Choose(1, 130)
        let universe = Enumerable.Range(0, Math.Max(1, size / 3) + 1).SelectMany(r => Actions.Select(a => $"r{r}.{a}")).ToArray()
        from shuffled in Gen.Shuffle(universe)
        select shuffled.Take(size).ToArray();

    /// <summary>A few "x implies y" pairs, always from a later code to an earlier one so they never go round in a circle; chains happen.</summary>
    private static Gen<IReadOnlyDictionary<string, string[]>> Implications(string[] codes) =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, Math.Min(codes.Length, 12))))
        from pairs in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, codes.Length - 1), Gen.Choose(0, codes.Length - 1), (a, b) => (From: Math.Max(a, b), To: Math.Min(a, b))), count)
        select (IReadOnlyDictionary<string, string[]>)pairs.Where(p => p.From != p.To).GroupBy(p => codes[p.From])
            .ToDictionary(g => g.Key, g => g.Select(p => codes[p.To]).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>Mostly small roles, sometimes a large random subset of the catalog.</summary>
    private static Gen<string[]> PermissionsOf(string[] codes) => Gen.Frequency(
        (3, Gen.Choose(0, Math.Min(codes.Length, 10)).SelectMany(k => Gen.ArrayOf(Gen.Elements(codes), k)).Select(p => p.Distinct().ToArray())),
        (1, Gen.SubListOf(codes).Select(p => p.ToArray())));

    private static Gen<OrganizationSnapshot> Organization(Guid organizationId, string[] codes, string[] systemKeys) =>
        from scopeChoices in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 9), Gen.Choose(0, 1_000), (kind, pick) => (kind, pick)), n))
        from customRoles in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(PermissionsOf(codes).SelectMany(p => Gen.Frequency((4, Gen.Constant(p)), (1, Gen.Constant(p.Append("ghost.view").ToArray())))), n))
        from members in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(MemberTraits(), n))
        let scopes = ScopeForest(scopeChoices)
        let roles = customRoles.Select((p, i) => new RoleEntry($"org{i}", $"Custom {i}", RoleKind.Custom, p)).ToArray()
        let keys = systemKeys.Concat(roles.Select(r => r.Key)).Append("deleted").ToArray()
        from grants in Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(Grant(members.Length, scopes, keys), n))
        select new OrganizationSnapshot(
            organizationId,
            scopes,
            [.. members.Select((m, i) => m with { MemberId = Id(IdKind.Member, i), UserId = Id(IdKind.User, i), Name = $"Member {i}" })],
            roles,
            grants);

    /// <summary>Parents come from earlier scopes at most three deep (so trees are up to four deep), or are the unknown scope, which grants also name.</summary>
    private static ScopeEntry[] ScopeForest((int Kind, int Pick)[] choices)
    {
        var scopes = new ScopeEntry[choices.Length];
        var depth = new int[choices.Length];
        for (var i = 0; i < choices.Length; i++)
        {
            var eligible = Enumerable.Range(0, i).Where(p => depth[p] < 4).ToArray();
            var (kind, pick) = choices[i];
            Guid? parent = kind switch
            {
                < 2 => null,
                9 => UnknownScope,
                _ when eligible.Length > 0 => scopes[eligible[pick % eligible.Length]].Id,
                _ => null,
            };
            depth[i] = parent is { } p && Array.FindIndex(scopes, 0, i, s => s.Id == p) is var at and >= 0 ? depth[at] + 1 : 1;
            scopes[i] = new ScopeEntry(Id(IdKind.Scope, i), parent, $"Scope {i}");
        }
        return scopes;
    }

    private static Gen<MemberEntry> MemberTraits() =>
        from active in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from fullAccess in Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)))
        from owner in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from lockout in Gen.Frequency(
            (6, Gen.Constant<DateTimeOffset?>(null)),
            (1, Gen.Choose(1, 600).Select(m => (DateTimeOffset?)Now.AddMinutes(m))),
            (1, Gen.Choose(1, 600).Select(m => (DateTimeOffset?)Now.AddMinutes(-m))),
            (1, Gen.Constant<DateTimeOffset?>(Now)))
        select new MemberEntry(Guid.Empty, Guid.Empty, "", active ? MemberStatus.Active : MemberStatus.Deactivated, owner, fullAccess, LockoutEnd: lockout);

    /// <summary>Grants sometimes name a stranger, a deleted role or a scope outside the organization.</summary>
    private static Gen<GrantEntry> Grant(int memberCount, ScopeEntry[] scopes, string[] roleKeys) =>
        from member in Gen.Choose(0, memberCount)
        from role in Gen.Elements(roleKeys)
        from target in Target(scopes)
        select new GrantEntry(Id(IdKind.Member, member), role, target);

    private static Gen<Guid?> Target(ScopeEntry[] scopes) => scopes.Length == 0
        ? Gen.Frequency((4, Gen.Constant<Guid?>(null)), (1, Gen.Constant<Guid?>(UnknownScope)))
        : Gen.Frequency((3, Gen.Constant<Guid?>(null)), (6, Gen.Elements(scopes).Select(s => (Guid?)s.Id)), (1, Gen.Constant<Guid?>(UnknownScope)));

    /// <summary>Queries favour bits some role holds (and the view bit paired with a held view_own), so both answers are common.</summary>
    private static Gen<GeneratedQuery[]> Queries(string[] codes, RoleDefinition[] systemRoles, OrganizationSnapshot organization)
    {
        var held = systemRoles.SelectMany(r => r.Permissions).Concat(organization.Roles.SelectMany(r => r.Permissions))
            .SelectMany(c => c.EndsWith(".view_own", StringComparison.Ordinal) ? [c, c[..^4]] : new[] { c })
            .Select(c => Array.IndexOf(codes, c)).Where(i => i >= 0).Distinct().ToArray();
        var permission = held.Length == 0
            ? Gen.Frequency((9, Gen.Choose(0, codes.Length - 1)), (1, Gen.Constant(codes.Length)))
            : Gen.Frequency((4, Gen.Choose(0, codes.Length - 1)), (5, Gen.Elements(held)), (1, Gen.Constant(codes.Length)));
        var query =
            from user in Gen.Choose(0, organization.Members.Count).Select(i => i < organization.Members.Count ? Id(IdKind.User, i) : Stranger)
            from bit in permission
            from scope in Target([.. organization.Scopes])
            from owner in Gen.Frequency((2, Gen.Constant<Guid?>(null)), (2, Gen.Constant<Guid?>(user)), (1, Gen.Constant<Guid?>(Stranger)))
            select new GeneratedQuery(user, bit, scope, owner);
        return Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(query, n));
    }
}

/// <summary>The kind of thing a generated id names.</summary>
internal enum IdKind : short
{
    User = 1,
    Member = 2,
    Scope = 3,
    Organization = 5,
}
