using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;

namespace Gatehouse.Application.Scopes;

/// <summary>A scope to create under the organization or under another scope.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Name">Its name (1 to 200 characters; trimmed).</param>
/// <param name="ParentId">The scope to create it in, or null for the top level.</param>
public sealed record CreateScopeCommand(Guid OrganizationId, string? Name, Guid? ParentId);

/// <summary>Creates a scope; needs <c>organization.manage</c> at the parent (the organization for the top level).</summary>
public sealed class CreateScopeHandler(OrganizationWork work)
{
    /// <summary>The created scope, or why it was not created.</summary>
    public Task<Result<ScopeDto>> HandleAsync(Actor actor, Origin origin, CreateScopeCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => Task.FromResult(Create(write, command)), cancellationToken);

    private static Result<ScopeDto> Create(WriteContext write, CreateScopeCommand command)
    {
        if (InputRules.Name(command.Name, "name") is { } invalid)
        {
            return invalid;
        }
        var decision = ScopeLookup.RequireManage(write, command.ParentId);
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var scope = new Scope(Guid.CreateVersion7(write.Now), write.Organization.Id, command.ParentId, command.Name!.Trim());
        write.Db.Scopes.Add(scope);
        write.MarkAccessChanged();
        write.Audit(AuditActions.ScopeCreated, "scope", scope.Id, null, ScopeDto.Of(scope));
        return ScopeDto.Of(scope);
    }
}
