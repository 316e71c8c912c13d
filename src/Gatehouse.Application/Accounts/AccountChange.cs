using Gatehouse.Application.Access;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Work;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Accounts;

/// <summary>
/// A person's change to their own name, phone or email, which every organization they belong to sees (member
/// lists, the access engine's member names). One transaction holds the lock of each of those organizations,
/// applies the change, records one audit event per organization and moves each organization's access version on,
/// so other nodes reload; each organization this node holds is patched with the person's member as they are now
/// (<see cref="AccessCache.CommitAsync"/>), not compiled again. Nothing is kept when the change fails.
/// </summary>
public sealed class AccountChange(GatehouseDb db, AccessCache cache, IApiKeyRevocations revocations, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="change"/> (which saves through Identity) for <paramref name="user"/>; <paramref name="describe"/>
    /// gives what the audit events show before and after. A change that leaves the description the same records nothing.
    /// </summary>
    public async Task<IdentityResult> ApplyAsync(User user, string action, Func<User, object> describe, Func<Task<IdentityResult>> change,
        Origin origin, CancellationToken cancellationToken)
    {
        var applied = await ApplyAsync(user, new AuditLog.Actor(user.Id, user.DisplayName), action, describe, _ => Task.FromResult<Failure?>(null),
            change, origin, cancellationToken);
        return applied.Value;
    }

    /// <summary>
    /// The same change made by <paramref name="actor"/> (an administrator, say): <paramref name="guard"/> runs once the
    /// person's organizations are locked (it gets them, in lock order) and may refuse; a refusal keeps nothing.
    /// </summary>
    public async Task<Result<IdentityResult>> ApplyAsync(User user, AuditLog.Actor actor, string action, Func<User, object> describe,
        Func<IReadOnlyList<Core.Organizations.Organization>, Task<Failure?>> guard, Func<Task<IdentityResult>> change,
        Origin origin, CancellationToken cancellationToken)
    {
        var before = describe(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var memberships = await db.Members.Where(m => m.UserId == user.Id)
            .Select(m => new { m.OrganizationId, m.Id }).ToListAsync(cancellationToken);
        var organizations = new List<Core.Organizations.Organization>();
        // Always in the same order, so two changes that need the same organizations cannot wait on each other.
        foreach (var organizationId in memberships.Select(m => m.OrganizationId).Distinct().Order())
        {
            if (await OrganizationLock.AcquireAsync(db, organizationId, cancellationToken) is { } organization)
            {
                organizations.Add(organization);
            }
        }
        if (await guard(organizations) is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken);
            return refused;
        }
        var result = await change();
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        var after = describe(user);
        if (Equals(before, after))
        {
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        var now = time.ChangeTime();
        var patches = new List<AccessPatch>(organizations.Count);
        foreach (var organization in organizations)
        {
            var from = organization.AccessVersion;
            // The account is part of its membership there: only that member is compiled again, where a node holds the organization.
            var touched = AccessTouched.OfUser(user.Id);
            AccessNotifications.Announce(db, organization, touched); // PostgreSQL tells every node on commit
            patches.Add(new AccessPatch(organization.Id, cache.Held(organization.Id, from), from, organization.AccessVersion, touched));
            var member = memberships.First(m => m.OrganizationId == organization.Id);
            AuditLog.Record(db, organization.Id, actor, action, "member", member.Id, before, after, now, origin.ClientAddress);
        }
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAsync(db, transaction, patches, cancellationToken);
        // API keys remember their caller's name for a few seconds; audit events written with them should use the new one.
        await revocations.ForgetAsync(db, null, user.Id, CancellationToken.None);
        return result;
    }

    /// <summary>The account of the acting person, or the failure for a party that is not a signed-in person.</summary>
    public static async Task<Result<User>> OwnAccountAsync(UserManager<User> users, Actor actor)
    {
        var user = actor is { Type: ActorType.Person, UserId: { } id } ? await users.FindByIdAsync(id.ToString()) : null;
        return user is null ? Failure.Forbidden(AccountCodes.NotSignedIn, "Sign in to change your account.") : user;
    }
}
