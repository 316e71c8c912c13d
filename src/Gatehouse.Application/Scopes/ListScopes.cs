using Gatehouse.Application.Work;

namespace Gatehouse.Application.Scopes;

/// <summary>Which organization's scopes to list.</summary>
/// <param name="OrganizationId">The organization.</param>
public sealed record ListScopesQuery(Guid OrganizationId);

/// <summary>Every scope of the organization, parents before children and siblings by name; any active member may read them.</summary>
public sealed class ListScopesHandler(OrganizationReads reads)
{
    /// <summary>The scope tree in reading order, or why the actor may not read it.</summary>
    public async Task<Result<List<ScopeDto>>> HandleAsync(Actor actor, ListScopesQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var scopes = open.Value.Organization.Scopes;
        var ordered = new List<ScopeDto>(scopes.Count);
        var children = scopes.ToLookup(s => s.ParentId);
        void Walk(Guid? parent)
        {
            foreach (var scope in children[parent].OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
            {
                ordered.Add(new ScopeDto(scope.Id, scope.ParentId, scope.Name));
                Walk(scope.Id);
            }
        }
        Walk(null);
        return ordered;
    }
}
