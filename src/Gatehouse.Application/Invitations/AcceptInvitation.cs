using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>Accepting an invitation: the emailed token; for a new account the name and password.</summary>
/// <param name="Token">The token from the link.</param>
/// <param name="FirstName">A new account's first name (default: what the inviter typed).</param>
/// <param name="LastName">A new account's last name (default: what the inviter typed).</param>
/// <param name="Password">A new account's password.</param>
/// <param name="ExistingUserId">When the caller has proved who they are (signed in, or entered the account's password): the account they expect to join with.</param>
public sealed record AcceptInvitationCommand(string Token, string? FirstName = null, string? LastName = null, string? Password = null, Guid? ExistingUserId = null);

/// <summary>The membership an accepted invitation made.</summary>
public sealed record AcceptedInvitation(Guid OrganizationId, Guid MemberId, Guid UserId, bool AccountCreated);

/// <summary>
/// Accepts an invitation with its emailed token, for anyone holding it (possession of the token proves the email address;
/// there is no acting party before): a new account is made (email verified) when none exists for the invited email, or
/// the existing one joins; the member gets the invited access; one audit event naming the invitee. Nothing changes when
/// it is refused. Signing the person in afterwards is the surface's business.
/// </summary>
public sealed class AcceptInvitationHandler(GatehouseDb db, OrganizationWork work, NewAccountRules rules, IPasswordHasher<User> hasher, TimeProvider time)
{
    /// <summary>The membership made, or why the invitation was not accepted.</summary>
    public async Task<Result<AcceptedInvitation>> HandleAsync(Origin origin, AcceptInvitationCommand command, CancellationToken cancellationToken = default)
    {
        if (InvitationRefusals.ForMalformed(command.Token) is { } malformed)
        {
            return malformed;
        }
        var hash = SecretToken.Hash(command.Token);
        var found = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new { i.OrganizationId, i.Id, i.Email, i.NormalizedEmail, i.FirstName, i.LastName, i.Phone }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return InvitationRefusals.TokenInvalid;
        }
        var existing = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == found.NormalizedEmail, cancellationToken);
        if (existing is not null && (command.FirstName ?? command.LastName ?? command.Password) is not null)
        {
            return InvitationRefusals.AccountExists;
        }
        if (command.ExistingUserId is { } expected && existing?.Id != expected)
        {
            return InvitationRefusals.AccountChanged;
        }
        // The name the inviter typed is the default; the invitee may correct it.
        command = command with { FirstName = command.FirstName ?? found.FirstName, LastName = command.LastName ?? found.LastName };
        if (existing is null && await rules.CheckAsync(found.Email, command.FirstName, command.LastName, command.Password) is { Count: > 0 } errors)
        {
            return new Failure(FailureKind.Invalid, WorkCodes.ValidationFailed,
                $"No account exists for this email yet: enter your first name, last name and a password of {rules.MinPasswordLength} to {NewAccountRules.MaxPasswordLength} characters.", errors);
        }
        var userId = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var name = existing?.DisplayName ?? $"{command.FirstName!.Trim()} {command.LastName!.Trim()}";
        var actingAs = new Actor(ActorType.Person, userId, name, IsPlatformOperator: false);
        // The new account and its password hash are made before the organization's lock is taken: the hash is
        // slow on purpose, and on SQLite that lock is the whole database's.
        var newUser = existing is null ? NewAccount(userId, found.Email, found.Phone, command) : null;
        var result = await work.RunOnBehalfAsync(actingAs, origin, found.OrganizationId,
            write => AcceptAsync(write, found.Id, command.Token, existing?.Id, newUser), cancellationToken);
        // The organization may have been deleted since the token was found: its link is dead like any other.
        return result.Failure?.Code == WorkCodes.OrganizationNotFound ? InvitationRefusals.TokenInvalid : result;
    }

    private static async Task<Result<AcceptedInvitation>> AcceptAsync(WriteContext write, Guid invitationId, string token, Guid? existingId, User? newUser)
    {
        var organizationId = write.Organization.Id;
        // Gone when the invitee's account was erased since the token was looked up (erasure deletes invitations to the person).
        var invitation = await write.Db.Invitations.SingleOrDefaultAsync(i => i.OrganizationId == organizationId && i.Id == invitationId);
        if (invitation is null || !invitation.HasToken(token))
        {
            return InvitationRefusals.TokenInvalid;
        }
        if (InvitationRefusals.ForStatus(invitation.StatusAt(write.Now), invitation.ExpiresAt, InvitationViews.Inviter(invitation, write.Compiled).Name) is { } closed)
        {
            return closed;
        }
        // Someone already here is told so before the account's row is locked: an erasure holds that row while it locks the
        // organizations the account is in, so only an account joining an organization it is not in may wait for it.
        if (existingId is { } known && write.Compiled.FindMemberByUser(known) is not null)
        {
            return InvitationRefusals.AlreadyMember(invitation.Email, write.Compiled.Model.OrganizationLabel);
        }
        // Locked until the membership is committed, so the account cannot be erased meanwhile by product support or by the one
        // organization it belonged to; an erasure that got there first has replaced the email, and the account is gone.
        var user = await UserLock.ForShareByEmailAsync(write.Db, invitation.NormalizedEmail, CancellationToken.None);
        if (user is not null && write.Compiled.FindMemberByUser(user.Id) is not null)
        {
            return InvitationRefusals.AlreadyMember(invitation.Email, write.Compiled.Model.OrganizationLabel);
        }
        if (user?.Id != existingId)
        {
            return InvitationRefusals.AccountChanged;
        }
        if ((await SeatCount.CanTakeAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, u => u.SeatsForAcceptingInvitation, CancellationToken.None)).Error is { } noSeat)
        {
            return Failure.From(noSeat, FailureKind.Conflict);
        }
        if (user is null)
        {
            user = newUser!;
            write.Db.Users.Add(user);
        }
        if (invitation.Accept(token, user.Id, write.Now).Error is { } notAccepted)
        {
            return Failure.From(notAccepted, FailureKind.Conflict);
        }
        user.VerifyEmail(write.Now);
        var member = new Member(Guid.CreateVersion7(write.Now), invitation.OrganizationId, user.Id, write.Now, isOwner: invitation.Ownership, hasFullAccess: invitation.FullAccess);
        write.Db.Members.Add(member);
        var grants = await GrantAsync(write, invitation, member);
        write.MarkAccessChanged();
        // Everything about the new member is in hand: the access cache is patched from it, nothing is read back.
        write.Knows(new KnownMember(member, user, grants));
        write.Audit(AuditActions.InvitationAccepted, "invitation", invitation.Id, null,
            new { memberId = member.Id, userId = user.Id, accountCreated = existingId is null, invitation.FullAccess, owner = invitation.Ownership, grants = grants.Select(g => new { g.RoleKey, g.ScopeId }) });
        return new AcceptedInvitation(invitation.OrganizationId, member.Id, user.Id, existingId is null);
    }

    /// <summary>Gives the new member the invited grants; a role or place deleted since the invitation was sent gives nothing, so it is left out rather than stored dangling.</summary>
    private static async Task<List<Grant>> GrantAsync(WriteContext write, Invitation invitation, Member member)
    {
        var grants = invitation.Grants.Where(g => write.Compiled.FindRole(g.RoleKey) is not null && (g.ScopeId is not { } s || write.Compiled.HasScope(s)))
            .Select(grant => new Grant(Guid.CreateVersion7(write.Now), invitation.OrganizationId, member.Id, grant.RoleKey, grant.ScopeId))
            .ToList();
        write.Db.Grants.AddRange(grants);
        // Only an inline role, made for this invitation, is bound to the new member; the organization as locked knows
        // every stored role, so there is nothing to look up (under the lock) when no invited role is inline.
        var keys = grants.Select(g => g.RoleKey).Where(k => write.Compiled.FindRole(k)?.Kind == RoleKind.Inline).ToList();
        if (keys.Count == 0)
        {
            return grants;
        }
        foreach (var inline in await write.Db.Roles.Where(r => r.OrganizationId == invitation.OrganizationId && r.Kind == RoleKind.Inline && keys.Contains(r.Key)).ToListAsync())
        {
            inline.BindToMember(member.Id);
        }
        return grants;
    }

    /// <summary>The account a new invitee creates: their name (or the inviter's guess), the invited phone, and the password's hash.</summary>
    private User NewAccount(Guid userId, string email, string? phone, AcceptInvitationCommand command)
    {
        var user = new User(userId, email, command.FirstName!.Trim(), command.LastName!.Trim(), time.GetUtcNow());
        user.UpdateProfile(user.FirstName, user.LastName, phone, null);
        user.SetPasswordHash(hasher.HashPassword(user, command.Password!));
        return user;
    }
}
