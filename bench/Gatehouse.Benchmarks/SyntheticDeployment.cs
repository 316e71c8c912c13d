using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;

namespace Gatehouse.Benchmarks;

/// <summary>Generates organizations deterministically from a seed; see docs/benchmarks.md for the distribution.</summary>
public static class SyntheticDeployment
{
    private const string DeletedRole = "r_deleted0000000000000000000000000";
    private static readonly string[] Codes = [.. SyntheticModel.Create().Catalog.All.Select(p => p.Code)];

    /// <summary>Every organization of the deployment, one at a time, so a loader need not hold them all.</summary>
    public static IEnumerable<OrganizationSnapshot> Generate(DeploymentShape shape)
    {
        var random = new Random(shape.Seed);
        var memberCounts = shape.MemberCounts(random);
        var grantCounts = shape.GrantCounts(random);
        var nextMember = 0;
        for (var o = 0; o < shape.Organizations; o++)
        {
            var grants = grantCounts.AsSpan(nextMember, memberCounts[o]).ToArray();
            nextMember += memberCounts[o];
            // Larger customers have more places: one more region per hundred members.
            yield return Organization(random, grants, regions: random.Next(1, 4) + (grants.Length / 100), areas: 4, sites: 6);
        }
    }

    /// <summary>One large organization: the given members, ten grants each, 10 x 10 x 10 scopes.</summary>
    public static OrganizationSnapshot Large(int members, int seed)
    {
        var random = new Random(seed);
        return Organization(random, [.. Enumerable.Repeat(10, members)], regions: 10, areas: 10, sites: 10, fixedTree: true);
    }

    /// <summary>A three-level scope forest, custom roles, members (one owner, 2% full access, 5% deactivated, 1% with a lockout) and grants.</summary>
    private static OrganizationSnapshot Organization(Random random, int[] grantsPerMember, int regions, int areas, int sites, bool fixedTree = false)
    {
        var scopes = new List<ScopeEntry>();
        var levels = new List<Guid>[] { [], [], [] };
        for (var r = 0; r < regions; r++)
        {
            var region = Add(scopes, levels[0], random, null, $"Region {r + 1}");
            for (var a = 0; a < (fixedTree ? areas : random.Next(1, areas + 1)); a++)
            {
                var area = Add(scopes, levels[1], random, region, $"Area {r + 1}.{a + 1}");
                for (var s = 0; s < (fixedTree ? sites : random.Next(1, sites + 1)); s++)
                {
                    Add(scopes, levels[2], random, area, $"Site {r + 1}.{a + 1}.{s + 1}");
                }
            }
        }
        var roles = Enumerable.Range(0, fixedTree ? 10 : random.Next(0, 4)).Select(i => CustomRole(random, i)).ToArray();
        var members = new MemberEntry[grantsPerMember.Length];
        var grants = new List<GrantEntry>(grantsPerMember.Sum());
        for (var m = 0; m < members.Length; m++)
        {
            members[m] = Member(random, m);
            for (var g = 0; g < grantsPerMember[m]; g++)
            {
                grants.Add(new GrantEntry(members[m].MemberId, RoleKey(random, roles), Target(random, levels)));
            }
        }
        return new OrganizationSnapshot(NewId(random), scopes, members, roles, grants);
    }

    private static Guid Add(List<ScopeEntry> scopes, List<Guid> level, Random random, Guid? parent, string name)
    {
        var id = NewId(random);
        scopes.Add(new ScopeEntry(id, parent, name));
        level.Add(id);
        return id;
    }

    private static RoleEntry CustomRole(Random random, int index)
    {
        var permissions = Enumerable.Range(0, random.Next(5, 41)).Select(_ => Codes[random.Next(Codes.Length)]).Distinct().ToArray();
        return new RoleEntry(Role.KeyFor(NewId(random)), $"Custom role {index + 1}", RoleKind.Custom, permissions);
    }

    private static MemberEntry Member(Random random, int index)
    {
        var roll = random.Next(100);
        var lockout = roll == 0 ? DateTimeOffset.UtcNow.AddDays(random.Next(-30, 30) | 1) : (DateTimeOffset?)null;
        return new MemberEntry(
            NewId(random), NewId(random), $"Member {index + 1}",
            roll is >= 1 and < 6 ? MemberStatus.Deactivated : MemberStatus.Active,
            IsOwner: index == 0, HasFullAccess: index > 0 && roll is >= 6 and < 8, LockoutEnd: lockout);
    }

    /// <summary>75% system roles (weighted), 23% the organization's custom roles, 2% a role since deleted.</summary>
    private static string RoleKey(Random random, RoleEntry[] customRoles)
    {
        var roll = random.Next(100);
        if (roll < 2)
        {
            return DeletedRole;
        }
        if (roll < 25 && customRoles.Length > 0)
        {
            return customRoles[random.Next(customRoles.Length)].Key;
        }
        var weight = random.Next(100);
        foreach (var (key, share) in SyntheticModel.SystemRoleWeights)
        {
            if ((weight -= share) < 0)
            {
                return key;
            }
        }
        return "viewer";
    }

    /// <summary>8% on the organization, 12% on a region, 25% on an area, 55% on a site.</summary>
    private static Guid? Target(Random random, List<Guid>[] levels) => random.Next(100) switch
    {
        < 8 => null,
        < 20 => levels[0][random.Next(levels[0].Count)],
        < 45 => levels[1][random.Next(levels[1].Count)],
        _ => levels[2][random.Next(levels[2].Count)],
    };

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
