using Gatehouse.Core.Audit;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Application.Email;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Input;
using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>One person to invite with their name and phone as the inviter knows them (prefilled into their account on accepting).</summary>
public sealed record InviteeRequest(string Email, string? FirstName, string? LastName, string? Phone);

/// <summary>
/// Inviting people: their emails (1 to 50) in <c>emails</c>, or in <c>invitees</c> with names and phones (not both),
/// and the grants and full-access flag each of them is offered; <c>owner</c> makes each an owner on accepting (which
/// holds full access; only owners and product support may offer it, as only they make owners).
/// </summary>
public sealed record CreateInvitationsRequest(IReadOnlyList<string>? Emails, IReadOnlyList<InviteeRequest>? Invitees, IReadOnlyList<GrantRequest>? Grants,
    bool? FullAccess, InlineRoleRequest? InlineRole, bool? Owner = null);

/// <summary>Sends one invitation per email, all or nothing: every email valid and new, the policy allowing each, seats for all.</summary>
public sealed class SendInvitationsHandler(OrganizationWork work, IEmailComposer composer)
{
    /// <summary>Most emails one request may invite.</summary>
    public const int MaxEmails = 50;

    private sealed record Invitee(string Email, string? FirstName, string? LastName, string? Phone, string Field)
    {
        /// <summary>The request field of the email: <c>emails[i]</c> or <c>invitees[i].email</c>.</summary>
        public string EmailField => Field.StartsWith("invitees", StringComparison.Ordinal) ? Field + ".email" : Field;
    }

    /// <summary>Sends the invitations of <paramref name="request"/> into the organization, as <paramref name="actor"/>: the invitations made, or why none was.</summary>
    public Task<Result<List<InvitationDto>>> HandleAsync(Actor actor, Origin origin, Guid organizationId, CreateInvitationsRequest request,
        CancellationToken cancellationToken = default)
    {
        var (invalid, invitees) = Validate(request);
        if (invalid is not null)
        {
            return Task.FromResult(Result<List<InvitationDto>>.Fail(invalid));
        }
        return work.RunAsync(actor, origin, organizationId, write => SendAsync(write, request, invitees), cancellationToken);
    }

    private async Task<Result<List<InvitationDto>>> SendAsync(WriteContext write, CreateInvitationsRequest request, List<Invitee> invitees)
    {
        var db = write.Db;
        var organization = write.Compiled;
        var emails = invitees.Select(e => e.Email).ToList();
        var normalized = emails.Select(EmailAddress.Normalize).ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedEmail)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync();
        var pending = await db.Invitations
            .Where(i => i.OrganizationId == organization.OrganizationId && normalized.Contains(i.NormalizedEmail) && i.Status == InvitationStatus.Pending && i.ExpiresAt > write.Now)
            .Select(i => i.NormalizedEmail).ToListAsync();
        var fullAccess = request.FullAccess ?? false;
        var ownership = request.Owner ?? false;
        var planned = new List<(Invitee Invitee, List<GrantSpec> Grants, InlineRole? Inline)>();
        for (var i = 0; i < emails.Count; i++)
        {
            var inline = request.InlineRole is { } r ? new InlineRole(Role.KeyFor(Guid.CreateVersion7(write.Now)), r.Name.Trim(), r.Permissions) : null;
            var grants = (request.Grants ?? []).Select(g => new GrantSpec(inline is not null && g.RoleKey == GrantRequest.InlineRoleKey ? inline.Key : g.RoleKey, g.ScopeId)).Distinct().ToList();
            var existing = users.FirstOrDefault(u => u.NormalizedEmail == normalized[i])?.Id;
            var decision = Invite.Evaluate(organization, write.Policy, new InviteRequest(emails[i], grants, fullAccess, existing, inline, ownership));
            if (!decision.IsAllowed)
            {
                return Failure.From(OnField(decision.Error!, invitees[i]), Failure.KindOf(decision.Refusal));
            }
            if (pending.Contains(normalized[i]))
            {
                return new Failure(FailureKind.Conflict, InvitationCodes.AlreadyPending,
                    $"{emails[i]} already has a pending invitation to this {organization.Model.OrganizationLabel}. Resend that one instead of sending another.",
                    new Dictionary<string, string[]> { [invitees[i].EmailField] = ["A pending invitation exists for this email."] });
            }
            planned.Add((invitees[i], grants, inline));
        }
        if ((await SeatCount.CanTakeAsync(db, write.Organization, organization.Model, write.Now, u => planned.Count * u.SeatsForSendingInvitation, CancellationToken.None)).Error is { } noSeat)
        {
            return Failure.From(noSeat with { Field = request.Invitees is { Count: > 0 } ? "invitees" : "emails" }, FailureKind.Conflict);
        }
        if (organization.Model.Policies.InviteeNameRequired && InviteeNames.Missing(invitees.Select(i => (i.Field, i.FirstName, i.LastName)), organization.Model.OrganizationLabel) is { } unnamed)
        {
            return unnamed;
        }
        var inviter = organization.FindMemberByUser(write.Policy.UserId) is { } member && write.Policy.Kind == ActorKind.Member ? member.Entry : null;
        var inviterName = inviter?.Name ?? InvitationViews.ProductSupport;
        var lifetime = organization.Model.Policies.InvitationLifetime;
        var created = new List<InvitationDto>(planned.Count);
        foreach (var (invitee, grants, inline) in planned)
        {
            var inlineNames = new Dictionary<string, string>();
            if (inline is not null)
            {
                var role = new Role(Guid.Parse(inline.Key[Role.KeyPrefix.Length..]), organization.OrganizationId, RoleKind.Inline, inline.Name, inline.Permissions);
                db.Roles.Add(role);
                inlineNames[role.Key] = role.Name;
            }
            var (invitation, token) = Invitation.Create(Guid.CreateVersion7(write.Now), organization.OrganizationId, invitee.Email, grants, fullAccess, inviter?.MemberId ?? Guid.Empty, write.Now, lifetime,
                ownership);
            invitation.DescribeInvitee(invitee.FirstName, invitee.LastName, invitee.Phone);
            db.Invitations.Add(invitation);
            await InvitationEmail.QueueAsync(write, composer, InvitationEmail.Sent, invitation, inviterName, InvitationEmail.LinkFor(token, write.Origin), inlineNames);
            var dto = InvitationViews.ToDto(invitation, organization, write.Policy, write.Now, inlineNames);
            write.Audit(AuditActions.InvitationSent, "invitation", invitation.Id, null, AuditView(dto));
            created.Add(dto);
        }
        if (planned.Any(p => p.Inline is not null))
        {
            write.MarkAccessChanged();
        }
        return created;
    }

    /// <summary>
    /// A refusal of the policy placed on the request field it is about (the invitee's email, <c>fullAccess</c> or
    /// <c>grants</c>), so that a form can show it next to that field.
    /// </summary>
    private static Error OnField(Error error, Invitee invitee) => error.Field is not null ? error : error with
    {
        Field = error.Code switch
        {
            ManagementCodes.AlreadyMember => invitee.EmailField,
            ManagementCodes.FullAccessRequiresFullAccess => "fullAccess",
            ManagementCodes.OwnerOnly => "owner",
            ManagementCodes.MissingPermission or ManagementCodes.RoleExceedsOwnAccess or ManagementCodes.RoleNotGrantableHere
                or ManagementCodes.RoleNotFound or ManagementCodes.ScopeNotFound or ManagementCodes.OneRolePerMember => "grants",
            _ => null,
        },
    };

    /// <summary>What audit events record about an invitation (no token, no capabilities).</summary>
    public static object AuditView(InvitationDto dto) =>
        new { dto.Email, Grants = dto.Grants.Select(g => new { g.RoleKey, g.ScopeId }), dto.FullAccess, dto.ExpiresAt };

    /// <summary>The request's shape: 1 to 50 valid, distinct ASCII emails; sane names, phones and grants; a named inline role that a grant uses.</summary>
    private static (Failure? Problem, List<Invitee> Invitees) Validate(CreateInvitationsRequest request)
    {
        if (request.Emails is { Count: > 0 } && request.Invitees is { Count: > 0 })
        {
            return (Failure.Invalid("invitees", WorkCodes.ValidationFailed, "Send either 'emails' or 'invitees', not both."), []);
        }
        var invitees = request.Invitees is { Count: > 0 } people
            ? [.. people.Select((p, i) => new Invitee(p?.Email!, p?.FirstName?.Trim(), p?.LastName?.Trim(), p?.Phone?.Trim(), $"invitees[{i}]"))]
            : (request.Emails ?? []).Select((e, i) => new Invitee(e, null, null, null, $"emails[{i}]")).ToList();
        return (ValidateInvitees(invitees) ?? ValidateGrants(request)) is { } problem
            ? (problem, [])
            : (null, [.. invitees.Select(i => i with { Email = i.Email.Trim() })]);
    }

    private static Failure? ValidateInvitees(List<Invitee> invitees)
    {
        if (invitees.Count == 0)
        {
            return Failure.Invalid("emails", WorkCodes.ValidationFailed, "Enter at least one email address in 'emails'.");
        }
        if (invitees.Count > MaxEmails)
        {
            return Failure.Invalid("emails", InvitationCodes.TooManyEmails, $"One request invites at most {MaxEmails} people; you sent {invitees.Count}. Split the list.");
        }
        var errors = new Dictionary<string, string[]>();
        string? firstCode = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invitee in invitees)
        {
            var field = invitee.EmailField;
            if (EmailAddress.Validate(invitee.Email, field).Error is { } error)
            {
                errors[field] = [error.Message];
                firstCode ??= error.Code;
            }
            else if (!seen.Add(EmailAddress.Normalize(invitee.Email)))
            {
                errors[field] = [$"{invitee.Email.Trim()} is in the list more than once."];
                firstCode ??= InvitationCodes.DuplicateEmail;
            }
            foreach (var (name, value) in new[] { ("firstName", invitee.FirstName), ("lastName", invitee.LastName) })
            {
                if (value is not null && !InputRules.IsPersonName(value))
                {
                    errors[$"{invitee.Field}.{name}"] = [$"'{name}' must be 1 to 100 characters without control characters, '<' or '>', or left out."];
                    firstCode ??= WorkCodes.ValidationFailed;
                }
            }
            if (invitee.Phone is not null && !InputRules.IsPhone(invitee.Phone))
            {
                errors[$"{invitee.Field}.phone"] = ["'phone' must be 3 to 40 digits, spaces and ( ) - . / with an optional leading +, or left out."];
                firstCode ??= WorkCodes.ValidationFailed;
            }
        }
        if (firstCode is null)
        {
            return null;
        }
        var detail = errors.Count == 1 ? errors.Values.First()[0] : $"{errors.Count} of the invitees cannot be used as given; see 'errors' and correct them.";
        return new Failure(FailureKind.Invalid, firstCode, detail, errors);
    }

    private static Failure? ValidateGrants(CreateInvitationsRequest request) => GrantRequests.Validate(request.Grants ?? [], request.InlineRole);
}
