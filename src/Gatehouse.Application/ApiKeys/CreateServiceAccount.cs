using Gatehouse.Application.Grants;
using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Creating a service account for a product's backend, with its grants and first key.</summary>
public sealed record CreateServiceAccountRequest(string Name, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess);

/// <summary>
/// Creates a service account holding grants in one organization (for a product's backend: checks, provisioning) and its
/// first API key. Whoever creates it must be able to invite someone with those grants: no one grants what they do not hold.
/// </summary>
public sealed class CreateServiceAccountHandler(OrganizationWork work)
{
    /// <summary>The service account's first key with its secret, or why none was made.</summary>
    public Task<Result<CreatedApiKeyDto>> HandleAsync(Actor actor, Origin origin, Guid organizationId, CreateServiceAccountRequest request,
        CancellationToken cancellationToken = default)
    {
        if ((InputRules.Name(request.Name, "name") ?? GrantRequests.ValidateGrants(request.Grants ?? [])) is { } invalid)
        {
            return Task.FromResult(Result<CreatedApiKeyDto>.Fail(invalid));
        }
        return work.RunAsync(actor, origin, organizationId, write => Task.FromResult(Create(write, request)), cancellationToken);
    }

    private static Result<CreatedApiKeyDto> Create(WriteContext write, CreateServiceAccountRequest request)
    {
        var organizationId = write.Organization.Id;
        var grants = (request.Grants ?? []).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).Distinct().ToList();
        var id = Guid.CreateVersion7(write.Now);
        var email = $"{id:N}@service-accounts.gatehouse.invalid";
        var decision = Invite.Evaluate(write.Compiled, write.Policy, new InviteRequest(email, grants, request.FullAccess ?? false));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var user = new User(id, email, request.Name.Trim(), string.Empty, write.Now, UserKind.ServiceAccount);
        write.Db.Users.Add(user);
        var member = new Member(Guid.CreateVersion7(write.Now), organizationId, user.Id, write.Now, hasFullAccess: request.FullAccess ?? false);
        write.Db.Members.Add(member);
        foreach (var grant in grants)
        {
            write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), organizationId, member.Id, grant.RoleKey, grant.ScopeId));
        }
        var (key, plaintext) = ApiKeyIssuer.Issue(write.Db, user.Id, organizationId, request.Name.Trim(), write.Actor.UserId, write.Now);
        write.MarkAccessChanged();
        write.Audit(AuditActions.ServiceAccountCreated, "member", member.Id, null, new { name = request.Name.Trim(), grants, fullAccess = request.FullAccess ?? false, apiKey = key.Hint });
        return new CreatedApiKeyDto(key.Id, key.Name, plaintext, user.Id, organizationId);
    }
}
