using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access.Properties;

/// <summary>Two compiled organizations answer alike: every check, every set, every lookup a caller can make.</summary>
internal static class CompiledEquivalence
{
    /// <summary>The first difference found, or null when there is none.</summary>
    public static string? Difference(CompiledOrganization patched, CompiledOrganization fresh, GeneratedOrganization generated, IEnumerable<Guid> users, IEnumerable<Guid> scopeIds)
    {
        var time = new FakeTimeProvider(OrganizationGenerator.Now);
        Guid?[] targets = [null, .. scopeIds.Distinct().Select(s => (Guid?)s), OrganizationGenerator.UnknownScope, fresh.OrganizationId];
        foreach (var user in users.Append(OrganizationGenerator.Stranger).Distinct())
        {
            var (a, b) = (patched.FindMemberByUser(user), fresh.FindMemberByUser(user));
            if (Describe(a) != Describe(b))
            {
                return $"FindMemberByUser({user}): {Describe(a)} vs {Describe(b)}";
            }
            foreach (var target in targets)
            {
                for (var bit = 0; bit <= generated.Codes.Length; bit++)
                {
                    foreach (var owner in new Guid?[] { null, user })
                    {
                        var permission = new PermissionId(bit);
                        if (patched.Check(user, permission, target, owner, time) != fresh.Check(user, permission, target, owner, time))
                        {
                            return $"Check(user {user}, bit {bit}, target {target}, owner {owner})";
                        }
                    }
                }
                AccessQuery[] queries = [.. Enumerable.Range(0, generated.Codes.Length).Select(b => new AccessQuery(new PermissionId(b), target, user))];
                var (manyA, manyB) = (new bool[queries.Length], new bool[queries.Length]);
                patched.CheckMany(user, queries, manyA, time);
                fresh.CheckMany(user, queries, manyB, time);
                if (!manyA.SequenceEqual(manyB))
                {
                    return $"CheckMany(user {user}, target {target})";
                }
                if (a is not null && (!patched.HeldPermissions(a, target).Equals(fresh.HeldPermissions(b!, target))
                    || !patched.EffectivePermissions(a.Entry.MemberId, target, time).Equals(fresh.EffectivePermissions(b!.Entry.MemberId, target, time))))
                {
                    return $"HeldPermissions/EffectivePermissions(user {user}, target {target})";
                }
            }
        }
        return StructureDifference(patched, fresh, targets) ?? HoldersDifference(patched, fresh);
    }

    /// <summary>The role counts of the patched organization against counting the fresh one's grants as spelled out.</summary>
    private static string? HoldersDifference(CompiledOrganization patched, CompiledOrganization fresh)
    {
        static string Describe(IEnumerable<KeyValuePair<string, int>> counts) =>
            string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        var expected = Describe(fresh.Members.SelectMany(m => m.Grants.Select(g => g.RoleKey).Distinct()).CountBy(k => k));
        var (ofPatched, ofFresh) = (Describe(patched.HoldersByRole()), Describe(fresh.HoldersByRole()));
        return ofPatched == expected && ofFresh == expected ? null : $"HoldersByRole: patched {ofPatched}, fresh {ofFresh}, counted from the grants {expected}";
    }

    private static string? StructureDifference(CompiledOrganization patched, CompiledOrganization fresh, Guid?[] targets)
    {
        static string Members(CompiledOrganization o) => string.Join("\n", o.Members.OrderBy(m => m.Entry.MemberId).Select(Describe));
        static string Roles(CompiledOrganization o) => string.Join("\n", o.Roles.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Key} {r.Name} {r.Kind} {r.GrantableAt} {string.Join(",", r.Permissions.Indexes())}"));
        static string Scopes(CompiledOrganization o) => string.Join("\n", o.Scopes.OrderBy(s => s.Id));
        if (Members(patched) != Members(fresh))
        {
            return $"Members:\n{Members(patched)}\nvs\n{Members(fresh)}";
        }
        if (Roles(patched) != Roles(fresh) || Scopes(patched) != Scopes(fresh) || patched.OwnerCount != fresh.OwnerCount)
        {
            return $"Roles, scopes or owner count:\n{Roles(patched)}\n{Scopes(patched)}\n{patched.OwnerCount}\nvs\n{Roles(fresh)}\n{Scopes(fresh)}\n{fresh.OwnerCount}";
        }
        foreach (var m in fresh.Members)
        {
            if (Describe(patched.FindMember(m.Entry.MemberId)) != Describe(m))
            {
                return $"FindMember({m.Entry.MemberId})";
            }
        }
        foreach (var target in targets.OfType<Guid>())
        {
            if (patched.HasScope(target) != fresh.HasScope(target)
                || patched.FindScope(target) != fresh.FindScope(target)
                || !patched.SelfAndAncestors(target).SequenceEqual(fresh.SelfAndAncestors(target))
                || !patched.SelfAndDescendants(target).ToHashSet().SetEquals(fresh.SelfAndDescendants(target)))
            {
                return $"scope lookups of {target}";
            }
        }
        return null;
    }

    private static string Describe(CompiledMember? member) =>
        member is null ? "none" : $"{member.Entry} active={member.IsActive} bypass={member.BypassesChecks} [{string.Join(", ", member.Grants)}]";
}
