using Gatehouse.Application.Work;

namespace Gatehouse.Application.Scopes;

/// <summary>A rename and/or a move of one scope, made as one change (the REST API's PATCH).</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ScopeId">The scope.</param>
/// <param name="Name">The new name, or null to keep it.</param>
/// <param name="ParentId">The scope to move it under, or null for no move under a scope.</param>
/// <param name="MoveToRoot">True to move it to the top level (then <paramref name="ParentId"/> is ignored).</param>
public sealed record UpdateScopeCommand(Guid OrganizationId, Guid ScopeId, string? Name, Guid? ParentId, bool MoveToRoot);

/// <summary>
/// Renames and/or moves a scope: <c>organization.manage</c> there first, then the rename (<see cref="RenameScopeHandler"/>)
/// and the move (<see cref="MoveScopeHandler"/>); a refused move keeps the rename from being stored too.
/// </summary>
public sealed class UpdateScopeHandler(OrganizationWork work)
{
    /// <summary>The scope as changed, or why nothing was changed.</summary>
    public Task<Result<ScopeDto>> HandleAsync(Actor actor, Origin origin, UpdateScopeCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => ApplyAsync(write, command), cancellationToken);

    /// <summary>The change inside a unit of work.</summary>
    internal static async Task<Result<ScopeDto>> ApplyAsync(WriteContext write, UpdateScopeCommand command)
    {
        var found = await ScopeLookup.FindManageableAsync(write, command.ScopeId);
        if (!found.Succeeded)
        {
            return found.Failure;
        }
        var scope = found.Value;
        if (command.Name is { } name && RenameScopeHandler.Rename(write, scope, name) is { } badName)
        {
            return badName;
        }
        if ((command.ParentId is not null || command.MoveToRoot)
            && await MoveScopeHandler.MoveAsync(write, scope, command.MoveToRoot ? null : command.ParentId) is { } refused)
        {
            return refused;
        }
        write.MarkAccessChanged();
        return ScopeDto.Of(scope);
    }
}
