using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Server.Application;
using Gatehouse.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Api;

/// <summary>Sends one invitation per email, all or nothing: every email valid and new, the policy allowing each, seats for all.</summary>
public static class SendInvitations
{
    /// <summary>Most emails one request may invite.</summary>
    public const int MaxEmails = 50;

    /// <summary>The role key grants use to name the request's inline role.</summary>
    public const string InlineRoleKey = "inline";

    /// <summary>A role at a target; <c>scopeId</c> null means the organization itself.</summary>
    public sealed record GrantRequest(string RoleKey, Guid? ScopeId);

    /// <summary>A one-off permission set for each invitee, where the model allows them; grants name it with role key <c>inline</c>.</summary>
    public sealed record InlineRoleRequest(string Name, IReadOnlyList<string> Permissions);

    /// <summary>Inviting people: their emails (1 to 50), the grants and full-access flag each of them is offered.</summary>
    public sealed record CreateInvitationsRequest(IReadOnlyList<string> Emails, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess, InlineRoleRequest? InlineRole);

    /// <summary>Handles <c>POST /organizations/{id}/invitations</c>.</summary>
    public static Task<IResult> HandleAsync(Guid organizationId, CreateInvitationsRequest request, OrganizationWork work, HttpContext context, IOptions<GatehouseOptions> options)
    {
        if (Validate(request) is { } invalid)
        {
            return Task.FromResult(invalid);
        }
        return work.RunAsync(organizationId, write => SendAsync(write, request, context, options.Value), CancellationToken.None);
    }

    private static async Task<IResult> SendAsync(WriteContext write, CreateInvitationsRequest request, HttpContext context, GatehouseOptions options)
    {
        var db = write.Db;
        var organization = write.Compiled;
        var emails = request.Emails.Select(e => e.Trim()).ToList();
        var normalized = emails.Select(EmailAddress.Normalize).ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedEmail)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync();
        var pending = await db.Invitations
            .Where(i => i.OrganizationId == organization.OrganizationId && normalized.Contains(i.NormalizedEmail) && i.Status == InvitationStatus.Pending && i.ExpiresAt > write.Now)
            .Select(i => i.NormalizedEmail).ToListAsync();
        var fullAccess = request.FullAccess ?? false;
        var planned = new List<(string Email, List<GrantSpec> Grants, InlineRole? Inline)>();
        for (var i = 0; i < emails.Count; i++)
        {
            var inline = request.InlineRole is { } r ? new InlineRole(Role.KeyFor(Guid.CreateVersion7(write.Now)), r.Name.Trim(), r.Permissions) : null;
            var grants = (request.Grants ?? []).Select(g => new GrantSpec(inline is not null && g.RoleKey == InlineRoleKey ? inline.Key : g.RoleKey, g.ScopeId)).Distinct().ToList();
            var existing = users.FirstOrDefault(u => u.NormalizedEmail == normalized[i])?.Id;
            var decision = Invite.Evaluate(organization, write.Actor, new InviteRequest(emails[i], grants, fullAccess, existing, inline));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (pending.Contains(normalized[i]))
            {
                return Problems.Of(StatusCodes.Status409Conflict, InvitationCodes.AlreadyPending,
                    $"{emails[i]} already has a pending invitation to this {organization.Model.OrganizationLabel}. Resend that one instead of sending another.",
                    new Dictionary<string, string[]> { [$"emails[{i}]"] = ["A pending invitation exists for this email."] });
            }
            planned.Add((emails[i], grants, inline));
        }
        var usage = await Seats.CountAsync(db, write.Organization, organization.Model, write.Now, CancellationToken.None);
        if (usage.CanTake(planned.Count * usage.SeatsForSendingInvitation).Error is { } noSeat)
        {
            return Problems.From(noSeat, StatusCodes.Status409Conflict);
        }
        var inviter = organization.FindMemberByUser(write.Actor.UserId) is { } member && write.Actor.Kind == ActorKind.Member ? member.Entry : null;
        var inviterName = inviter?.Name ?? InvitationViews.ProductSupport;
        var lifetime = organization.Model.Policies.InvitationLifetime;
        var created = new List<InvitationDto>(planned.Count);
        foreach (var (email, grants, inline) in planned)
        {
            var inlineNames = new Dictionary<string, string>();
            if (inline is not null)
            {
                var role = new Role(Guid.Parse(inline.Key[Role.KeyPrefix.Length..]), organization.OrganizationId, RoleKind.Inline, inline.Name, inline.Permissions);
                db.Roles.Add(role);
                inlineNames[role.Key] = role.Name;
            }
            var (invitation, token) = Invitation.Create(Guid.CreateVersion7(write.Now), organization.OrganizationId, email, grants, fullAccess, inviter?.MemberId ?? Guid.Empty, write.Now, lifetime);
            db.Invitations.Add(invitation);
            InvitationEmail.Queue(write, InvitationEmail.Sent, invitation, inviterName, InvitationEmail.LinkFor(token, options, context.Request));
            var dto = InvitationViews.ToDto(invitation, organization, write.Actor, write.Now, inlineNames);
            write.Audit(AuditActions.InvitationSent, "invitation", invitation.Id, null, AuditView(dto));
            created.Add(dto);
        }
        if (planned.Any(p => p.Inline is not null))
        {
            write.MarkAccessChanged();
        }
        return TypedResults.Created($"/api/v1/organizations/{organization.OrganizationId}/invitations", created);
    }

    /// <summary>What audit events record about an invitation (no token, no capabilities).</summary>
    public static object AuditView(InvitationDto dto) =>
        new { dto.Email, Grants = dto.Grants.Select(g => new { g.RoleKey, g.ScopeId }), dto.FullAccess, dto.ExpiresAt };

    /// <summary>The request's shape: 1 to 50 valid, distinct ASCII emails; sane grants; a named inline role.</summary>
    private static IResult? Validate(CreateInvitationsRequest request)
    {
        if (request.Emails is not { Count: > 0 })
        {
            return Problems.Invalid("emails", ProblemCodes.ValidationFailed, "Enter at least one email address in 'emails'.");
        }
        if (request.Emails.Count > MaxEmails)
        {
            return Problems.Invalid("emails", InvitationCodes.TooManyEmails, $"One request invites at most {MaxEmails} people; you sent {request.Emails.Count}. Split the list.");
        }
        var errors = new Dictionary<string, string[]>();
        string? firstCode = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Emails.Count; i++)
        {
            var field = $"emails[{i}]";
            if (EmailAddress.Validate(request.Emails[i], field).Error is { } error)
            {
                errors[field] = [error.Message];
                firstCode ??= error.Code;
            }
            else if (!seen.Add(EmailAddress.Normalize(request.Emails[i])))
            {
                errors[field] = [$"{request.Emails[i].Trim()} is in the list more than once."];
                firstCode ??= InvitationCodes.DuplicateEmail;
            }
        }
        if (firstCode is not null)
        {
            var detail = errors.Count == 1 ? errors.Values.First()[0] : $"{errors.Count} of the email addresses cannot be used; see 'errors' and correct them.";
            return Problems.Of(StatusCodes.Status400BadRequest, firstCode, detail, errors);
        }
        var grants = request.Grants ?? [];
        if (grants.Count > 100)
        {
            return Problems.Invalid("grants", ProblemCodes.ValidationFailed, "An invitation offers at most 100 grants.");
        }
        for (var i = 0; i < grants.Count; i++)
        {
            if (grants[i] is null || string.IsNullOrWhiteSpace(grants[i].RoleKey) || grants[i].RoleKey.Length > 100)
            {
                return Problems.Invalid($"grants[{i}].roleKey", ProblemCodes.ValidationFailed, "Each grant needs a 'roleKey' of at most 100 characters; list the roles to find one.");
            }
        }
        if (request.InlineRole is { } inline)
        {
            if (Validation.Name(inline.Name, "inlineRole.name") is { } badName)
            {
                return badName;
            }
            if (inline.Permissions is null || inline.Permissions.Count > 500 || inline.Permissions.Any(p => p is null))
            {
                return Problems.Invalid("inlineRole.permissions", ProblemCodes.ValidationFailed, "'inlineRole.permissions' must list at most 500 permission codes.");
            }
        }
        return null;
    }
}
