using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Organizations;

/// <summary>Rules about the shape of an organization's scope tree.</summary>
public static class ScopeTree
{
    /// <summary>Checks that moving <paramref name="scopeId"/> under <paramref name="newParentId"/> keeps the tree a tree.</summary>
    public static Result CanMove(IReadOnlyCollection<Scope> scopes, Guid scopeId, Guid? newParentId)
    {
        var parents = scopes.ToDictionary(s => s.Id, s => s.ParentId);
        for (var current = newParentId; current is { } id; current = parents.GetValueOrDefault(id))
        {
            if (id == scopeId)
            {
                return new Error("scope_cycle", "A scope cannot be moved under itself or one of its own sub-scopes; choose another parent.", "parentId");
            }
            if (!parents.ContainsKey(id))
            {
                return new Error("scope_not_found", "The parent scope does not exist in this organization; choose an existing one.", "parentId");
            }
        }
        return Result.Success;
    }
}
