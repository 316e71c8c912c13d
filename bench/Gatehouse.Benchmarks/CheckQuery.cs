using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>One pre-generated access check.</summary>
public readonly record struct CheckQuery(Guid OrganizationId, Guid UserId, PermissionId Permission, Guid? ScopeId, Guid? ResourceOwnerUserId);

/// <summary>Random queries over a deployment: a uniformly random member, 75% at one of their organization's scopes, any permission.</summary>
public static class QuerySet
{
    /// <summary>Independent queries, each for a different random member.</summary>
    public static CheckQuery[] Random(IReadOnlyList<OrganizationSnapshot> organizations, int permissionCount, int count, int seed)
    {
        var random = new Random(seed);
        var members = organizations.SelectMany(o => o.Members.Select(m => (Organization: o, m.UserId))).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var (organization, userId) = members[random.Next(members.Length)];
            return Query(random, organization, userId, permissionCount);
        })];
    }

    /// <summary>Batches of queries, each batch for one random member, as a product page asks for one user.</summary>
    public static (Guid OrganizationId, Guid UserId, AccessQuery[] Queries)[] Batches(
        IReadOnlyList<OrganizationSnapshot> organizations, int permissionCount, int batches, int batchSize, int seed)
    {
        var random = new Random(seed);
        var members = organizations.SelectMany(o => o.Members.Select(m => (Organization: o, m.UserId))).ToArray();
        return [.. Enumerable.Range(0, batches).Select(_ =>
        {
            var (organization, userId) = members[random.Next(members.Length)];
            var queries = Enumerable.Range(0, batchSize)
                .Select(_ => Query(random, organization, userId, permissionCount))
                .Select(q => new AccessQuery(q.Permission, q.ScopeId, q.ResourceOwnerUserId));
            return (organization.OrganizationId, userId, queries.ToArray());
        })];
    }

    private static CheckQuery Query(Random random, OrganizationSnapshot organization, Guid userId, int permissionCount)
    {
        Guid? scope = organization.Scopes.Count > 0 && random.Next(4) > 0 ? organization.Scopes[random.Next(organization.Scopes.Count)].Id : null;
        Guid? owner = random.Next(2) == 0 ? userId : null;
        return new CheckQuery(organization.OrganizationId, userId, new PermissionId(random.Next(permissionCount)), scope, owner);
    }
}
