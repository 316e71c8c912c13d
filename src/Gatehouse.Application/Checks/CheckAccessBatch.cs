using Gatehouse.Core.Model;
using Gatehouse.Application.Access;
using Gatehouse.Core.Access;

namespace Gatehouse.Application.Checks;

/// <summary>One question of a batch.</summary>
/// <param name="Permission">A permission codename of the catalog.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
/// <param name="ResourceOwnerUserId">The owner of the resource, for <c>view_own</c> permissions.</param>
public sealed record BatchItem(string Permission, Guid? ScopeId, Guid? ResourceOwnerUserId);

/// <summary>Many checks for one user.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">Whose access is checked.</param>
/// <param name="Checks">1 to <see cref="CheckAccessBatchHandler.MaxBatch"/> questions.</param>
public sealed record CheckAccessBatchQuery(Guid OrganizationId, Guid UserId, IReadOnlyList<BatchItem>? Checks);

/// <summary>One answer per question, in order.</summary>
public sealed record BatchCheckAnswer(bool[] Results);

/// <summary>Checks up to <see cref="MaxBatch"/> permissions for one user at once, from the in-memory engine; one answer per check, in order.</summary>
public sealed class CheckAccessBatchHandler(AccessCache cache, TimeProvider time)
{
    /// <summary>The most questions one batch may ask.</summary>
    public const int MaxBatch = 1000;

    /// <summary>The answers, or why the batch may not be asked (the first unknown permission names its index).</summary>
    public async ValueTask<Result<BatchCheckAnswer>> HandleAsync(Actor actor, CheckAccessBatchQuery query, CancellationToken cancellationToken = default)
    {
        var (organization, refused) = await CheckRules.OpenAsync(cache, actor, query.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return refused!;
        }
        if (query.UserId == Guid.Empty)
        {
            return CheckRules.MissingUser();
        }
        if (query.Checks is not { Count: > 0 and <= MaxBatch } checks)
        {
            return Failure.Invalid("checks", CheckCodes.ValidationFailed, $"Send between 1 and {MaxBatch} checks.");
        }
        var queries = new AccessQuery[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            if (check is null || CheckRules.Resolve(organization.Model, check.Permission) is not { } bit)
            {
                return CheckRules.UnknownPermission(check?.Permission, $"checks[{i}].permission");
            }
            queries[i] = new AccessQuery(new PermissionId(bit), check.ScopeId, check.ResourceOwnerUserId);
        }
        if (CheckRules.MayAsk(organization, actor, query.UserId, null) is { } cannotAsk)
        {
            // Without 'members.view' on the whole organization, it must hold at every scope asked about.
            foreach (var scope in checks.Select(c => c.ScopeId).Distinct())
            {
                if (scope is null || CheckRules.MayAsk(organization, actor, query.UserId, scope) is not null)
                {
                    return cannotAsk;
                }
            }
        }
        var results = new bool[queries.Length];
        organization.CheckMany(query.UserId, queries, results, time);
        return new BatchCheckAnswer(results);
    }
}
