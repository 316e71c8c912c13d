using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;

namespace Gatehouse.Application.Scopes;

/// <summary>A scope to give a new name.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ScopeId">The scope.</param>
/// <param name="Name">The new name (1 to 200 characters; trimmed).</param>
public sealed record RenameScopeCommand(Guid OrganizationId, Guid ScopeId, string? Name);

/// <summary>Renames a scope; needs <c>organization.manage</c> there.</summary>
public sealed class RenameScopeHandler(OrganizationWork work)
{
    /// <summary>The renamed scope, or why it was not renamed.</summary>
    public Task<Result<ScopeDto>> HandleAsync(Actor actor, Origin origin, RenameScopeCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write =>
            UpdateScopeHandler.ApplyAsync(write, new UpdateScopeCommand(command.OrganizationId, command.ScopeId, command.Name ?? string.Empty, null, false)),
            cancellationToken);

    /// <summary>The rename step, on a scope the actor may change (see <see cref="ScopeLookup.FindManageableAsync"/>); null when done.</summary>
    internal static Failure? Rename(WriteContext write, Scope scope, string name)
    {
        if (InputRules.Name(name, "name") is { } invalid)
        {
            return invalid;
        }
        var before = ScopeDto.Of(scope);
        scope.Rename(name.Trim());
        write.Audit(AuditActions.ScopeRenamed, "scope", scope.Id, before, ScopeDto.Of(scope));
        return null;
    }
}
