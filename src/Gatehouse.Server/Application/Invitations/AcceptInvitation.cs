using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Access;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Seats;

namespace Gatehouse.Server.Application.Invitations;

/// <summary>
/// Looking up and accepting an invitation with its emailed token: the one place these rules live, called by the
/// anonymous REST endpoints and by the accept page alike, so the page can do nothing the API cannot.
/// Possession of the token proves the email address (it was only ever sent there).
/// </summary>
public sealed class AcceptInvitation(GatehouseDb db, AccessCache cache, OrganizationWork work, UserManager<User> users, IPasswordHasher<User> hasher, TimeProvider time)
{
    /// <summary>The longest password accepted (hashing is slow on purpose; a megabyte of password would be slower still).</summary>
    public const int MaxPasswordLength = 200;

    /// <summary>What the token's invitation offers, or why there is none (a malformed or unknown token).</summary>
    public async Task<(InvitationOffer? Offer, InvitationRefusal? Refusal)> LookupAsync(string? token, CancellationToken cancellationToken)
    {
        if (InvitationRefusal.ForMalformed(token) is { } malformed)
        {
            return (null, malformed);
        }
        var hash = SecretToken.Hash(token!);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null
            || await cache.GetAsync(invitation.OrganizationId, cancellationToken) is not { } organization
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == invitation.OrganizationId, cancellationToken) is not { } entity)
        {
            return (null, InvitationRefusal.TokenInvalid);
        }
        var now = time.GetUtcNow();
        var accountUserId = await db.Users.Where(u => u.NormalizedEmail == invitation.NormalizedEmail).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var inviter = InvitationViews.Inviter(invitation, organization).Name;
        var status = invitation.StatusAt(now);
        var refusal = InvitationRefusal.ForStatus(status, invitation.ExpiresAt, inviter);
        if (refusal is null && accountUserId is { } userId && organization.FindMemberByUser(userId) is not null)
        {
            refusal = InvitationRefusal.AlreadyMember(invitation.Email, organization.Model.OrganizationLabel);
        }
        if (refusal is null)
        {
            var usage = await SeatCount.CountAsync(db, entity, organization.Model, now, cancellationToken);
            if (usage.CanTake(usage.SeatsForAcceptingInvitation).Error is { } noSeat)
            {
                refusal = InvitationRefusal.From(noSeat, StatusCodes.Status409Conflict);
            }
        }
        return (new InvitationOffer(entity.Id, entity.Name, organization.Model.OrganizationLabel, organization.Model.Scopes, invitation.Email,
            invitation.FirstName, invitation.LastName, inviter, invitation.FullAccess, InvitationViews.Grants(invitation.Grants, organization),
            status, invitation.ExpiresAt, accountUserId, refusal), null);
    }

    /// <summary>
    /// What is wrong with the name and password of a new account, per field (firstName, lastName, password): the
    /// name rules and every password validator registered with Identity. Empty when all is well.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckNewAccountAsync(string email, string? firstName, string? lastName, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("firstName", firstName), ("lastName", lastName) })
        {
            if (!Validation.IsPersonName(value))
            {
                errors[field] = [$"'{field}' is required: 1 to {Validation.MaxPersonNameLength} characters, no control characters, '<' or '>'."];
            }
        }
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Choose a password."];
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"A password has at most {MaxPasswordLength} characters."];
        }
        else
        {
            var candidate = new User(Guid.Empty, email, firstName?.Trim() ?? string.Empty, lastName?.Trim() ?? string.Empty, time.GetUtcNow());
            var messages = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, candidate, password);
                messages.AddRange(result.Errors.Select(e => e.Description));
            }
            if (messages.Count > 0)
            {
                errors["password"] = [.. messages.Distinct(StringComparer.Ordinal)];
            }
        }
        return errors;
    }

    /// <summary>
    /// Accepts: a new account is made (email verified) when none exists for the invited email, or the existing one
    /// joins; the member gets the invited access; one audit event. Nothing changes when it is refused.
    /// </summary>
    public async Task<(AcceptedInvitation? Accepted, InvitationRefusal? Refusal)> AcceptAsync(AcceptInvitationRequest request)
    {
        if (InvitationRefusal.ForMalformed(request.Token) is { } malformed)
        {
            return (null, malformed);
        }
        var hash = SecretToken.Hash(request.Token);
        var found = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new { i.OrganizationId, i.Id, i.Email, i.NormalizedEmail, i.FirstName, i.LastName, i.Phone }).SingleOrDefaultAsync();
        if (found is null)
        {
            return (null, InvitationRefusal.TokenInvalid);
        }
        var existing = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == found.NormalizedEmail);
        if (existing is not null && (request.FirstName ?? request.LastName ?? request.Password) is not null)
        {
            return (null, InvitationRefusal.AccountExists);
        }
        if (request.ExistingUserId is { } expected && existing?.Id != expected)
        {
            return (null, InvitationRefusal.AccountChanged);
        }
        // The name the inviter typed is the default; the invitee may correct it.
        request = request with { FirstName = request.FirstName ?? found.FirstName, LastName = request.LastName ?? found.LastName };
        if (existing is null && await CheckNewAccountAsync(found.Email, request.FirstName, request.LastName, request.Password) is { Count: > 0 } errors)
        {
            return (null, new InvitationRefusal(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                $"No account exists for this email yet: enter your first name, last name and a password of {users.Options.Password.RequiredLength} to {MaxPasswordLength} characters.", errors));
        }
        var userId = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var name = existing?.DisplayName ?? $"{request.FirstName!.Trim()} {request.LastName!.Trim()}";
        var actingAs = new Caller(userId, name, IsPlatformOperator: false, ServiceOrganizationId: null, ApiKeyId: null);
        // The new account and its password hash are made before the organization's lock is taken: the hash is
        // slow on purpose, and on SQLite that lock is the whole database's.
        var newUser = existing is null ? NewAccount(userId, found.Email, found.Phone, request) : null;
        AcceptedInvitation? accepted = null;
        InvitationRefusal? refusal = null;
        IResult Refuse(InvitationRefusal why)
        {
            refusal = why;
            return why.ToResult();
        }
        await work.RunOnBehalfAsync(found.OrganizationId, actingAs, async write =>
        {
            var invitation = await write.Db.Invitations.SingleAsync(i => i.OrganizationId == found.OrganizationId && i.Id == found.Id);
            if (!invitation.HasToken(request.Token))
            {
                return Refuse(InvitationRefusal.TokenInvalid);
            }
            if (InvitationRefusal.ForStatus(invitation.StatusAt(write.Now), invitation.ExpiresAt, InvitationViews.Inviter(invitation, write.Compiled).Name) is { } closed)
            {
                return Refuse(closed);
            }
            var user = await write.Db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == invitation.NormalizedEmail);
            if (user is not null && write.Compiled.FindMemberByUser(user.Id) is not null)
            {
                return Refuse(InvitationRefusal.AlreadyMember(invitation.Email, write.Compiled.Model.OrganizationLabel));
            }
            if (user?.Id != existing?.Id)
            {
                return Refuse(InvitationRefusal.AccountChanged);
            }
            var usage = await SeatCount.CountAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, CancellationToken.None);
            if (usage.CanTake(usage.SeatsForAcceptingInvitation).Error is { } noSeat)
            {
                return Refuse(InvitationRefusal.From(noSeat, StatusCodes.Status409Conflict));
            }
            if (user is null)
            {
                user = newUser!;
                write.Db.Users.Add(user);
            }
            if (invitation.Accept(request.Token, user.Id, write.Now).Error is { } notAccepted)
            {
                return Refuse(InvitationRefusal.From(notAccepted, StatusCodes.Status409Conflict));
            }
            user.VerifyEmail(write.Now);
            var member = new Member(Guid.CreateVersion7(write.Now), invitation.OrganizationId, user.Id, write.Now, isOwner: false, hasFullAccess: invitation.FullAccess);
            write.Db.Members.Add(member);
            var grants = await GrantAsync(write, invitation, member);
            write.MarkAccessChanged();
            write.Audit(AuditActions.InvitationAccepted, "invitation", invitation.Id, null,
                new { memberId = member.Id, userId = user.Id, accountCreated = existing is null, invitation.FullAccess, grants = grants.Select(g => new { g.RoleKey, g.ScopeId }) });
            accepted = new AcceptedInvitation(invitation.OrganizationId, member.Id, user.Id, existing is null);
            return TypedResults.NoContent();
        }, CancellationToken.None);
        // The organization may have been deleted since the token was found: its link is dead like any other.
        return accepted is not null ? (accepted, null) : (null, refusal ?? InvitationRefusal.TokenInvalid);
    }

    /// <summary>Gives the new member the invited grants; a role or place deleted since the invitation was sent gives nothing, so it is left out rather than stored dangling.</summary>
    private static async Task<List<GrantSpec>> GrantAsync(WriteContext write, Invitation invitation, Member member)
    {
        var grants = invitation.Grants.Where(g => write.Compiled.FindRole(g.RoleKey) is not null && (g.ScopeId is not { } s || write.Compiled.HasScope(s))).ToList();
        foreach (var grant in grants)
        {
            write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), invitation.OrganizationId, member.Id, grant.RoleKey, grant.ScopeId));
        }
        var keys = grants.Select(g => g.RoleKey).ToList();
        foreach (var inline in await write.Db.Roles.Where(r => r.OrganizationId == invitation.OrganizationId && r.Kind == RoleKind.Inline && keys.Contains(r.Key)).ToListAsync())
        {
            inline.BindToMember(member.Id);
        }
        return grants;
    }

    /// <summary>The account a new invitee creates: their name (or the inviter's guess), the invited phone, and the password's hash.</summary>
    private User NewAccount(Guid userId, string email, string? phone, AcceptInvitationRequest request)
    {
        var user = new User(userId, email, request.FirstName!.Trim(), request.LastName!.Trim(), time.GetUtcNow());
        user.UpdateProfile(user.FirstName, user.LastName, phone, null);
        user.SetPasswordHash(hasher.HashPassword(user, request.Password!));
        return user;
    }
}
