using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Audit;

namespace Gatehouse.Server.Api;

/// <summary>API keys: the caller's own keys, and service accounts that hold grants in one organization.</summary>
public static class ApiKeyEndpoints
{
    /// <summary>Creating a key for the caller.</summary>
    public sealed record CreateApiKeyRequest(string Name);

    /// <summary>A key as listed (never the secret).</summary>
    public sealed record ApiKeyDto(Guid Id, string Name, string Hint, Guid UserId, Guid? OrganizationId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    /// <summary>A new key: the secret is in <c>key</c>, shown only this once.</summary>
    public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, Guid UserId, Guid? OrganizationId);


    /// <summary>Creating a service account for a product's backend, with its grants and first key.</summary>
    public sealed record CreateServiceAccountRequest(string Name, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess);

    private static IResult? ValidateServiceAccount(CreateServiceAccountRequest request)
    {
        if (Validation.Name(request.Name, "name") is { } invalid)
        {
            return invalid;
        }
        return GrantRequests.ValidateGrants(request.Grants ?? [])?.ToProblem();
    }

    internal static async Task<IResult> RevokeAsync(Guid keyId, HttpContext context, GatehouseDb db, ApiKeyCache cache, OrganizationWork work, TimeProvider time)
    {
        var caller = context.Caller();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, context.RequestAborted);
        var notFound = Problems.NotFound(ProblemCodes.ApiKeyNotFound, $"There is no API key {keyId} that you can revoke. List your keys to find its id.");
        if (key is null)
        {
            return notFound;
        }
        IResult result;
        if (key.UserId == caller.UserId || caller.IsPlatformOperator)
        {
            var now = time.ChangeTime();
            if (key.RevokedAt is null)
            {
                key.RevokedAt = now;
                AuditLog.Record(db, key.OrganizationId, caller, AuditActions.ApiKeyRevoked, "api_key", key.Id, null, new { key.Name, key.Hint }, now,
                    context.Connection.RemoteIpAddress?.ToString());
                await db.SaveChangesAsync(context.RequestAborted);
            }
            result = TypedResults.NoContent();
        }
        else if (key.OrganizationId is { } organizationId)
        {
            // A service account's key: whoever may remove the service account from its organization may revoke its keys.
            result = await work.RunAsync(organizationId, async write =>
            {
                var stored = await write.Db.ApiKeys.SingleAsync(k => k.Id == keyId);
                // A service account the caller may not see answers like a key that does not exist (no name, no refusal about it).
                if (write.Compiled.FindMemberByUser(stored.UserId) is not { } member
                    || VisibleMember.Refusal(write.Compiled, write.Actor, member.Entry.MemberId) is not null)
                {
                    return notFound;
                }
                var decision = RemoveMember.Evaluate(write.Compiled, write.Actor, new RemoveMemberRequest(member.Entry.MemberId));
                if (!decision.IsAllowed)
                {
                    return Problems.From(decision);
                }
                if (stored.RevokedAt is null)
                {
                    stored.RevokedAt = write.Now;
                    write.Audit(AuditActions.ApiKeyRevoked, "api_key", stored.Id, null, new { stored.Name, stored.Hint, serviceAccountMemberId = member.Entry.MemberId });
                }
                return TypedResults.NoContent();
            }, context.RequestAborted);
        }
        else
        {
            return notFound;
        }
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            await AccessChangeListener.ForgetKeysEverywhereAsync(db, cache, key.Id, null, CancellationToken.None);
        }
        return result;
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", async (HttpContext context, GatehouseDb db) =>
        {
            var caller = context.Caller();
            var rows = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == caller.UserId).OrderBy(k => k.CreatedAt).ToListAsync(context.RequestAborted);
            return TypedResults.Ok(rows.Select(k => new ApiKeyDto(k.Id, k.Name, k.Hint, k.UserId, k.OrganizationId, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList());
        }).WithSummary("Lists the caller's own API keys.");

        keys.MapPost("/", async (CreateApiKeyRequest request, HttpContext context, GatehouseDb db, TimeProvider time) =>
        {
            if (Validation.Name(request.Name, "name") is { } invalid)
            {
                return invalid;
            }
            var caller = context.Caller();
            if (caller.ServiceOrganizationId is not null)
            {
                return Problems.Forbidden("service_account_cannot_create_keys", "A service account's keys are created by an administrator of its organization.");
            }
            var now = time.ChangeTime();
            var (key, plaintext) = ApiKeys.Issue(db, caller.UserId, null, request.Name.Trim(), caller.UserId, now);
            AuditLog.Record(db, null, caller, AuditActions.ApiKeyCreated, "api_key", key.Id, null, new { key.Name, key.Hint }, now, context.Connection.RemoteIpAddress?.ToString());
            await db.SaveChangesAsync(context.RequestAborted);
            return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyDto(key.Id, key.Name, plaintext, key.UserId, null));
        }).WithSummary("Creates an API key that acts with the caller's own rights; the secret is shown once.").Produces<CreatedApiKeyDto>(StatusCodes.Status201Created);

        keys.MapDelete("/{keyId:guid}", RevokeAsync)
            .WithSummary("Revokes an API key at once: the caller's own, a service account's (for whoever may remove that service account), or any (platform operators).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/organizations/{organizationId:guid}/service-accounts", (Guid organizationId, CreateServiceAccountRequest request, OrganizationWork work) =>
            ValidateServiceAccount(request) is { } invalid ? Task.FromResult(invalid) : work.RunAsync(organizationId, write =>
            {
                var grants = (request.Grants ?? []).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).Distinct().ToList();
                var id = Guid.CreateVersion7(write.Now);
                var email = $"{id:N}@service-accounts.gatehouse.invalid";
                var decision = Invite.Evaluate(write.Compiled, write.Actor, new InviteRequest(email, grants, request.FullAccess ?? false));
                if (!decision.IsAllowed)
                {
                    return Task.FromResult(Problems.From(decision));
                }
                var user = new User(id, email, request.Name.Trim(), string.Empty, write.Now, UserKind.ServiceAccount);
                write.Db.Users.Add(user);
                var member = new Member(Guid.CreateVersion7(write.Now), organizationId, user.Id, write.Now, hasFullAccess: request.FullAccess ?? false);
                write.Db.Members.Add(member);
                foreach (var grant in grants)
                {
                    write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), organizationId, member.Id, grant.RoleKey, grant.ScopeId));
                }
                var (key, plaintext) = ApiKeys.Issue(write.Db, user.Id, organizationId, request.Name.Trim(), write.Caller.UserId, write.Now);
                write.MarkAccessChanged();
                write.Audit(AuditActions.ServiceAccountCreated, "member", member.Id, null, new { name = request.Name.Trim(), grants, fullAccess = request.FullAccess ?? false, apiKey = key.Hint });
                return Task.FromResult<IResult>(TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyDto(key.Id, key.Name, plaintext, user.Id, organizationId)));
            }))
            .WithTags("API keys")
            .WithSummary("Creates a service account holding grants in this organization, for a product's backend (checks, provisioning), and its first API key.")
            .Produces<CreatedApiKeyDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
