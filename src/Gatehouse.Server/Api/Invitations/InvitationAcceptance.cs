using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>
/// The public side of an invitation: looking it up and accepting it with the emailed token, without an API key.
/// Possession of the token proves the email address (it was only ever sent there); an existing account with that
/// email is attached without signing in, until the account pages of a later issue add sign-in to this step.
/// The token travels in request bodies, never in URLs of this API, so request logs do not record it.
/// </summary>
public static class InvitationAcceptance
{
    /// <summary>A token to look up.</summary>
    public sealed record LookupRequest(string Token);

    /// <summary>Accepting: the token, and for someone without an account a password (12 to 200 characters) and their name (defaults: the name the inviter typed).</summary>
    public sealed record AcceptRequest(string Token, string? FirstName, string? LastName, string? Password);

    /// <summary>What the accept page shows before the invitee decides.</summary>
    public sealed record InvitationLookupDto(string OrganizationName, string Email, string InviterName, bool FullAccess,
        IReadOnlyList<InvitationGrantDto> Grants, InvitationStatus Status, DateTimeOffset ExpiresAt, bool AccountExists);

    /// <summary>The membership an accepted invitation made.</summary>
    public sealed record AcceptedDto(Guid OrganizationId, Guid MemberId, Guid UserId, bool AccountCreated);

    /// <summary>Maps the endpoints (anonymous).</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invitations").WithTags("Invitations");

        group.MapPost("/lookup", LookupAsync).AllowAnonymous().RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithSummary("Shows an invitation by its emailed token (no API key): organization, inviter, offered access, status, and whether the email already has an account.")
            .Produces<InvitationLookupDto>().ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/accept", AcceptAsync).AllowAnonymous().RequireRateLimiting(AnonymousRateLimit.Policy)
            .WithSummary("Accepts an invitation with its emailed token (no API key). Without an account, send firstName, lastName and password; with one, only the token: the account is attached.")
            .Produces<AcceptedDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<IResult> LookupAsync(LookupRequest request, GatehouseDb db, AccessCache cache, TimeProvider time, HttpContext context)
    {
        if (InvalidToken(request.Token) is { } invalid)
        {
            return invalid;
        }
        var hash = SecretToken.Hash(request.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, context.RequestAborted);
        if (invitation is null
            || await cache.GetAsync(invitation.OrganizationId, context.RequestAborted) is not { } organization
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == invitation.OrganizationId, context.RequestAborted) is not { } entity)
        {
            return TokenInvalid();
        }
        var accountExists = await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail, context.RequestAborted);
        return TypedResults.Ok(new InvitationLookupDto(entity.Name, invitation.Email, InvitationViews.Inviter(invitation, organization).Name, invitation.FullAccess,
            InvitationViews.Grants(invitation.Grants, organization), invitation.StatusAt(time.GetUtcNow()), invitation.ExpiresAt, accountExists));
    }

    private static async Task<IResult> AcceptAsync(AcceptRequest request, GatehouseDb db, OrganizationWork work, IPasswordHasher<User> hasher, TimeProvider time, HttpContext context)
    {
        if (InvalidToken(request.Token) is { } invalid)
        {
            return invalid;
        }
        var hash = SecretToken.Hash(request.Token);
        var found = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new { i.OrganizationId, i.Id, i.Email, i.NormalizedEmail, i.FirstName, i.LastName, i.Phone }).SingleOrDefaultAsync(context.RequestAborted);
        if (found is null)
        {
            return TokenInvalid();
        }
        var existing = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == found.NormalizedEmail, context.RequestAborted);
        if (existing is not null && (request.FirstName ?? request.LastName ?? request.Password) is not null)
        {
            return Problems.Conflict(InvitationCodes.AccountExists,
                "An account with this email address exists already; accept with the token alone and the invitation is added to that account.");
        }
        // The name the inviter typed is the default; the invitee may correct it.
        request = request with { FirstName = request.FirstName ?? found.FirstName, LastName = request.LastName ?? found.LastName };
        if (existing is null && ValidateNewAccount(request) is { } badAccount)
        {
            return badAccount;
        }
        var userId = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var name = existing?.DisplayName ?? $"{request.FirstName!.Trim()} {request.LastName!.Trim()}";
        var actingAs = new Caller(userId, name, IsPlatformOperator: false, ServiceOrganizationId: null, ApiKeyId: null);
        // The new account and its password hash are made before the organization's lock is taken: the hash is
        // slow on purpose, and on SQLite that lock is the whole database's.
        var newUser = existing is null ? NewAccount(userId, found.Email, found.Phone, request, hasher, time.GetUtcNow()) : null;
        return await work.RunOnBehalfAsync(found.OrganizationId, actingAs, async write =>
        {
            var invitation = await write.Db.Invitations.SingleAsync(i => i.OrganizationId == found.OrganizationId && i.Id == found.Id);
            if (RefuseUnlessAcceptable(invitation, request.Token, write) is { } refused)
            {
                return refused;
            }
            var user = await write.Db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == invitation.NormalizedEmail);
            if (user is not null && write.Compiled.FindMemberByUser(user.Id) is not null)
            {
                return Problems.Conflict(ManagementCodes.AlreadyMember, $"{invitation.Email} is already a member of this {write.Compiled.Model.OrganizationLabel}; sign in instead.");
            }
            if ((user is null) != (existing is null))
            {
                return Problems.Conflict(InvitationCodes.AccountExists, "The account for this email address changed while accepting; try again.");
            }
            var usage = await Seats.CountAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, CancellationToken.None);
            if (usage.CanTake(usage.SeatsForAcceptingInvitation).Error is { } noSeat)
            {
                return Problems.From(noSeat, StatusCodes.Status409Conflict);
            }
            if (user is null)
            {
                user = newUser!;
                write.Db.Users.Add(user);
            }
            if (invitation.Accept(request.Token, user.Id, write.Now).Error is { } notAccepted)
            {
                return Problems.From(notAccepted, StatusCodes.Status409Conflict);
            }
            user.VerifyEmail(write.Now);
            var member = new Member(Guid.CreateVersion7(write.Now), invitation.OrganizationId, user.Id, write.Now, isOwner: false, hasFullAccess: invitation.FullAccess);
            write.Db.Members.Add(member);
            // A role or place deleted since the invitation was sent gives nothing, so it is left out rather than stored dangling.
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
            write.MarkAccessChanged();
            write.Audit(AuditActions.InvitationAccepted, "invitation", invitation.Id, null,
                new { memberId = member.Id, userId = user.Id, accountCreated = existing is null, invitation.FullAccess, grants = grants.Select(g => new { g.RoleKey, g.ScopeId }) });
            return TypedResults.Created($"/api/v1/organizations/{invitation.OrganizationId}/members/{member.Id}",
                new AcceptedDto(invitation.OrganizationId, member.Id, user.Id, existing is null));
        }, CancellationToken.None);
    }

    /// <summary>Why this invitation cannot be accepted now, with whom to ask; null when it can.</summary>
    private static IResult? RefuseUnlessAcceptable(Invitation invitation, string token, WriteContext write)
    {
        if (!invitation.HasToken(token))
        {
            return TokenInvalid();
        }
        var inviter = InvitationViews.Inviter(invitation, write.Compiled).Name;
        return invitation.StatusAt(write.Now) switch
        {
            InvitationStatus.Pending => null,
            InvitationStatus.Expired => Problems.Of(StatusCodes.Status410Gone, InvitationCodes.Expired,
                $"This invitation expired on {invitation.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; ask {inviter} to resend it."),
            InvitationStatus.Revoked => Problems.Of(StatusCodes.Status410Gone, InvitationCodes.Revoked,
                $"This invitation was withdrawn; ask {inviter} for a new one if you still need access."),
            _ => Problems.Conflict(InvitationCodes.AlreadyUsed, "This invitation was already used; sign in with the account that accepted it."),
        };
    }

    private static IResult? InvalidToken(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 200
            ? Problems.Invalid("token", ProblemCodes.ValidationFailed, "'token' is required: copy it from the invitation link (the part after 'token=').")
            : null;

    private static IResult TokenInvalid() =>
        Problems.Of(StatusCodes.Status410Gone, InvitationCodes.TokenInvalid,
            "This invitation link is not valid: it was replaced by a newer email, or it was copied incompletely. Use the link in the newest invitation email, or ask the person who invited you to resend it.");

    /// <summary>The account a new invitee creates: their name (or the inviter's guess), the invited phone, and the password's hash.</summary>
    private static User NewAccount(Guid userId, string email, string? phone, AcceptRequest request, IPasswordHasher<User> hasher, DateTimeOffset now)
    {
        var user = new User(userId, email, request.FirstName!.Trim(), request.LastName!.Trim(), now);
        user.UpdateProfile(user.FirstName, user.LastName, phone, null);
        user.SetPasswordHash(hasher.HashPassword(user, request.Password!));
        return user;
    }

    private static IResult? ValidateNewAccount(AcceptRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("firstName", request.FirstName), ("lastName", request.LastName) })
        {
            if (!Validation.IsPersonName(value))
            {
                errors[field] = [$"'{field}' is required: 1 to 100 characters, no control characters, '<' or '>'."];
            }
        }
        if (request.Password is not { Length: >= 12 and <= 200 })
        {
            errors["password"] = ["The password must be 12 to 200 characters long."];
        }
        return errors.Count == 0 ? null
            : Problems.Of(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                "No account exists for this email yet: enter your first name, last name and a password of 12 to 200 characters.", errors);
    }
}
