using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>Members of an organization: the list, one member, their access, and their membership's life cycle.</summary>
public static class MemberEndpoints
{
    /// <summary>The role key that names the request's <c>inlineRole</c> in its grants.</summary>
    public const string InlineRoleKey = "inline";

    /// <summary>Most grants one member's access may list.</summary>
    public const int MaxGrants = 500;

    /// <summary>Longest free-text search.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>One grant of a member: a role at the organization (scopeId null) or at a scope.</summary>
    public sealed record MemberGrantDto(string RoleKey, string RoleName, Guid? ScopeId, string? ScopeName);

    /// <summary>What the caller may do with the member (from the management policy).</summary>
    /// <param name="EditAccess">The caller may change some of the member's access.</param>
    /// <param name="EditableTargets">Where the caller may add or remove the member's grants (null = the organization).</param>
    /// <param name="RemovableFromScopes">Scopes the caller may remove the member from.</param>
    /// <param name="ChangeFullAccess">The caller may turn full access on or off.</param>
    /// <param name="Deactivate">The caller may deactivate the member.</param>
    /// <param name="Reactivate">The caller may reactivate the member (a free seat is still needed).</param>
    /// <param name="Remove">The caller may remove the member from the organization.</param>
    /// <param name="ChangeOwnership">The caller may make the member an owner or take ownership away.</param>
    public sealed record MemberCapabilitiesDto(bool EditAccess, IReadOnlyList<Guid?> EditableTargets, IReadOnlyList<Guid> RemovableFromScopes,
        bool ChangeFullAccess, bool Deactivate, bool Reactivate, bool Remove, bool ChangeOwnership);

    /// <summary>A member as the list and the detail show them.</summary>
    /// <param name="OrganizationWide">Owner, full access or a grant on the organization itself ([ORG] in the workshops console).</param>
    /// <param name="Version">The access version to send back with <c>PUT …/access</c>.</param>
    public sealed record MemberDto(Guid MemberId, Guid UserId, string FirstName, string LastName, string Email, string? Phone, MemberStatus Status,
        bool IsOwner, bool FullAccess, bool OrganizationWide, ManagedBy ManagedBy, IReadOnlyList<MemberGrantDto> Grants, DateTimeOffset? LastLoginAt,
        int Version, MemberCapabilitiesDto Capabilities);

    /// <summary>A grant asked for: a role key (or <c>inline</c> for the request's inline role) at a scope or the organization (null).</summary>
    public sealed record GrantRequest(string RoleKey, Guid? ScopeId);

    /// <summary>A one-off role for this member (when the access model allows them).</summary>
    public sealed record InlineRoleRequest(string Name, IReadOnlyList<string> Permissions);

    /// <summary>The member's whole access; <c>version</c> is the one last read.</summary>
    public sealed record ReplaceAccessBody(int? Version, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess, InlineRoleRequest? InlineRole);

    /// <summary>Adding an existing member to a scope with a role.</summary>
    public sealed record AddToScopeBody(Guid? ScopeId, string? RoleKey);

    /// <summary>Adding an existing member, found by email, to a scope with a role (a project's "Add User").</summary>
    public sealed record AddByEmailBody(string? Email, Guid? ScopeId, string? RoleKey);

    /// <summary>Making a member an owner or not.</summary>
    public sealed record OwnerBody(bool? Owner);

    /// <summary>The member's effective permissions at a target.</summary>
    public sealed record EffectivePermissionsDto(Guid MemberId, Guid? ScopeId, IReadOnlyList<string> Permissions);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/members").WithTags("Members")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync)
            .WithSummary("Lists members with filters (scopeId, role, type, status, fullAccess, q), a sort and cursor pages; each row says what the caller may do with that member.")
            .Produces<Page<MemberDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{memberId:guid}", GetAsync)
            .WithSummary("One member.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{memberId:guid}/effective-permissions", EffectivePermissionsAsync)
            .WithSummary("The member's effective permission codenames at a scope (or the organization without scopeId).")
            .Produces<EffectivePermissionsDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{memberId:guid}/access", ReplaceAccessAsync)
            .WithSummary("Replaces the member's grants and full access; a stale version is refused with 409 version_conflict.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{memberId:guid}/scopes", AddToScopeAsync)
            .WithSummary("Gives an existing member a role at a scope.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/add-to-scope", AddByEmailAsync)
            .WithSummary("Gives a member found by email a role at a scope; an unknown email answers that someone who may invite must invite them.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{memberId:guid}/scopes/{scopeId:guid}", RemoveFromScopeAsync)
            .WithSummary("Removes the member's grants at a scope; the membership and the account stay.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{memberId:guid}/deactivate", DeactivateAsync)
            .WithSummary("Deactivates the membership: no access in this organization, no seat; grants are kept.")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{memberId:guid}/reactivate", ReactivateAsync)
            .WithSummary("Reactivates the membership; needs a free seat (409 seat_limit_reached).")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{memberId:guid}/owner", ChangeOwnerAsync)
            .WithSummary("Makes the member an owner or takes ownership away (owners only; the last owner stays).")
            .Produces<MemberDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{memberId:guid}", RemoveAsync)
            .WithSummary("Removes the member from the organization with their grants; the user account stays.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(
        Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db,
        Guid? scopeId, string? role, string? type, string? status, bool? fullAccess, string? q, string? sort, string? cursor, int? limit,
        bool? includeServiceAccounts)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return OrganizationWork.OrganizationNotFound(organizationId);
        }
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
        }
        if (ParseSort(sort) is not { } order)
        {
            return Problems.Invalid("sort", ProblemCodes.ValidationFailed, "'sort' must be one of name, -name, email, -email, lastLogin, -lastLogin.");
        }
        if (!Cursor.TryDecode<MemberCursor>(cursor, out var after) || (after is not null && after.Sort != order))
        {
            return Cursor.Invalid();
        }
        MemberType? memberType = type switch
        {
            null => null,
            "organization" => MemberType.Organization,
            "scope" => MemberType.Scope,
            _ => (MemberType)(-1),
        };
        if (memberType is (MemberType)(-1))
        {
            return Problems.Invalid("type", ProblemCodes.ValidationFailed, "'type' must be 'organization' (organization-wide members) or 'scope' (members with scope access only).");
        }
        MemberStatus? memberStatus = status switch
        {
            null => null,
            "active" => MemberStatus.Active,
            "deactivated" => MemberStatus.Deactivated,
            _ => (MemberStatus)(-1),
        };
        if (memberStatus is (MemberStatus)(-1))
        {
            return Problems.Invalid("status", ProblemCodes.ValidationFailed, "'status' must be 'active' or 'deactivated'.");
        }
        if (q is { Length: > MaxSearchLength })
        {
            return Problems.Invalid("q", ProblemCodes.ValidationFailed, $"'q' must be at most {MaxSearchLength} characters.");
        }
        if (role is not null && opened.Organization.FindRole(role) is null)
        {
            return Problems.Invalid("role", ProblemCodes.ValidationFailed, $"There is no role '{role}' in this organization. List the roles to find its key.");
        }
        if (scopeId is { } filterScope && !opened.Organization.HasScope(filterScope))
        {
            return ScopeEndpoints.ScopeNotFound(filterScope);
        }
        var (visibility, refusal) = MemberVisibility.For(opened);
        if (visibility is null)
        {
            return Problems.From(refusal);
        }
        var filter = new MemberFilter(scopeId, role, memberType, memberStatus, fullAccess, q?.Trim(), includeServiceAccounts == true);
        var (rows, next) = await MemberDirectory.PageAsync(db, opened, visibility, filter, order, after, limit ?? Cursor.DefaultPageSize, context.RequestAborted);
        return TypedResults.Ok(new Page<MemberDto>([.. rows.Select(r => ToDto(opened, r))], next is null ? null : Cursor.Encode(next)));
    }

    private static async Task<IResult> GetAsync(Guid organizationId, Guid memberId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return OrganizationWork.OrganizationNotFound(organizationId);
        }
        var (visibility, refusal) = MemberVisibility.For(opened);
        if (visibility is null)
        {
            return Problems.From(refusal);
        }
        if (opened.Organization.FindMember(memberId) is not { } member || !visibility.CanSee(member)
            || await MemberDirectory.RowAsync(db, opened, memberId, context.RequestAborted) is not { } row)
        {
            return MemberNotFound(memberId);
        }
        return TypedResults.Ok(ToDto(opened, row));
    }

    private static async Task<IResult> EffectivePermissionsAsync(Guid organizationId, Guid memberId, Guid? scopeId, HttpContext context, ReadAccess read, TimeProvider time)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return OrganizationWork.OrganizationNotFound(organizationId);
        }
        var organization = opened.Organization;
        var self = opened.Actor.Kind == ActorKind.Member && organization.FindMemberByUser(opened.Caller.UserId)?.Entry.MemberId == memberId;
        if (!self)
        {
            var decision = opened.Require(ManagementPermissions.View, scopeId);
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
        }
        else if (scopeId is { } asked && !organization.HasScope(asked))
        {
            return ScopeEndpoints.ScopeNotFound(asked);
        }
        if (organization.FindMember(memberId) is null)
        {
            return MemberNotFound(memberId);
        }
        var permissions = organization.Model.Catalog.CodesOf(organization.EffectivePermissions(memberId, scopeId, time)).ToList();
        return TypedResults.Ok(new EffectivePermissionsDto(memberId, scopeId, permissions));
    }

    private static async Task<IResult> ReplaceAccessAsync(
        Guid organizationId, Guid memberId, ReplaceAccessBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (body.Version is not { } version)
        {
            return Problems.Invalid("version", ProblemCodes.ValidationFailed, "'version' is required: send the member's version from when you read their access.");
        }
        if (body.Grants is not { } grants)
        {
            return Problems.Invalid("grants", ProblemCodes.ValidationFailed, "'grants' is required: list every grant the member should hold (an empty list for none).");
        }
        if (grants.Count > MaxGrants)
        {
            return Problems.Invalid("grants", ProblemCodes.ValidationFailed, $"'grants' may hold at most {MaxGrants} grants.");
        }
        for (var i = 0; i < grants.Count; i++)
        {
            if (grants[i] is null || string.IsNullOrWhiteSpace(grants[i].RoleKey) || grants[i].RoleKey.Length > Validation.MaxNameLength)
            {
                return Problems.Invalid($"grants[{i}].roleKey", ProblemCodes.ValidationFailed, $"'grants[{i}].roleKey' is required.");
            }
        }
        var usesInline = grants.Any(g => g.RoleKey == InlineRoleKey);
        if (body.InlineRole is { } inlineBody)
        {
            if (Validation.Name(inlineBody.Name, "inlineRole.name") is { } invalid)
            {
                return invalid;
            }
            if (inlineBody.Permissions is null || inlineBody.Permissions.Count > 1000 || inlineBody.Permissions.Any(p => p is null))
            {
                return Problems.Invalid("inlineRole.permissions", ProblemCodes.ValidationFailed, "'inlineRole.permissions' must list permission codenames.");
            }
            if (!usesInline)
            {
                return Problems.Invalid("grants", ProblemCodes.ValidationFailed, $"'inlineRole' is given but no grant uses it: name it with the role key '{InlineRoleKey}'.");
            }
        }
        else if (usesInline)
        {
            return Problems.Invalid("inlineRole", ProblemCodes.ValidationFailed, $"A grant names the role '{InlineRoleKey}' but 'inlineRole' is missing.");
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            Role? newInline = null;
            InlineRole? inline = null;
            if (body.InlineRole is { } proposed)
            {
                newInline = new Role(Guid.CreateVersion7(write.Now), organizationId, RoleKind.Inline, proposed.Name.Trim(), proposed.Permissions, memberId);
                inline = new InlineRole(newInline.Key, newInline.Name, newInline.Permissions);
            }
            var wanted = grants.Select(g => new GrantSpec(g.RoleKey == InlineRoleKey ? newInline!.Key : g.RoleKey, g.ScopeId)).Distinct().ToList();
            var fullAccess = body.FullAccess ?? write.Compiled.FindMember(memberId)?.Entry.HasFullAccess ?? false;
            var decision = ReplaceAccess.Evaluate(write.Compiled, write.Actor, new ReplaceAccessRequest(memberId, wanted, fullAccess, inline));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.Version != version)
            {
                return StaleVersion(member);
            }
            var current = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var before = AccessSnapshot(member, current);
            var wantedSet = wanted.ToHashSet();
            var currentSet = current.Select(g => g.Spec).ToHashSet();
            var removed = current.Where(g => !wantedSet.Contains(g.Spec)).ToList();
            var added = wanted.Where(g => !currentSet.Contains(g)).ToList();
            if (removed.Count == 0 && added.Count == 0 && member.HasFullAccess == fullAccess)
            {
                return TypedResults.NoContent();
            }
            write.Db.Grants.RemoveRange(removed);
            foreach (var spec in added)
            {
                write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), organizationId, memberId, spec.RoleKey, spec.ScopeId));
            }
            if (newInline is not null)
            {
                write.Db.Roles.Add(newInline);
            }
            await DropUnusedInlineRolesAsync(write, memberId, wantedSet.Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
            if (member.HasFullAccess != fullAccess)
            {
                member.SetFullAccess(fullAccess);
            }
            else
            {
                member.TouchAccess();
            }
            var after = current.Except(removed).Select(g => g.Spec).Concat(added).ToList();
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberAccessChanged, "member", memberId, before, AccessSnapshot(member, after));
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static async Task<IResult> AddToScopeAsync(
        Guid organizationId, Guid memberId, AddToScopeBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (ValidateScopeGrant(body.ScopeId, body.RoleKey) is { } invalid)
        {
            return invalid;
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            if (write.Compiled.FindMember(memberId) is not { } compiled)
            {
                return MemberNotFound(memberId);
            }
            var email = await write.Db.Users.Where(u => u.Id == compiled.Entry.UserId).Select(u => u.Email).SingleAsync();
            return await AddGrantAsync(write, compiled.Entry.UserId, email, body.ScopeId!.Value, body.RoleKey!);
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static async Task<IResult> AddByEmailAsync(
        Guid organizationId, AddByEmailBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > 320)
        {
            return Problems.Invalid("email", ProblemCodes.ValidationFailed, "'email' is required.");
        }
        if (ValidateScopeGrant(body.ScopeId, body.RoleKey) is { } invalid)
        {
            return invalid;
        }
        Guid? memberId = null;
        var result = await work.RunAsync(organizationId, async write =>
        {
            var normalized = Core.Users.EmailAddress.Normalize(body.Email);
            var userId = await write.Db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            memberId = userId is { } known ? write.Compiled.FindMemberByUser(known)?.Entry.MemberId : null;
            return await AddGrantAsync(write, userId, body.Email, body.ScopeId!.Value, body.RoleKey!);
        }, CancellationToken.None);
        return memberId is { } id ? await AnswerAsync(result, organizationId, id, context, read, db) : result;
    }

    private static async Task<IResult> AddGrantAsync(WriteContext write, Guid? userId, string email, Guid scopeId, string roleKey)
    {
        var spec = new GrantSpec(roleKey, scopeId);
        var decision = AddMemberToScope.Evaluate(write.Compiled, write.Actor, new AddMemberToScopeRequest(email, userId, spec));
        if (!decision.IsAllowed)
        {
            return Problems.From(decision);
        }
        var memberId = write.Compiled.FindMemberByUser(userId!.Value)!.Entry.MemberId;
        if (await LoadAsync(write, memberId) is not { } member)
        {
            return MemberNotFound(memberId);
        }
        write.Db.Grants.Add(new Grant(Guid.CreateVersion7(write.Now), write.Organization.Id, memberId, roleKey, scopeId));
        member.TouchAccess();
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberAddedToScope, "member", memberId, null, new { roleKey, scopeId });
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveFromScopeAsync(
        Guid organizationId, Guid memberId, Guid scopeId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            var decision = RemoveFromScope.Evaluate(write.Compiled, write.Actor, new RemoveFromScopeRequest(memberId, scopeId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var removed = grants.Where(g => g.ScopeId == scopeId).ToList();
            write.Db.Grants.RemoveRange(removed);
            await DropUnusedInlineRolesAsync(write, memberId, grants.Except(removed).Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
            member.TouchAccess();
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberRemovedFromScope, "member", memberId,
                new { scopeId, grants = removed.Select(g => new { g.RoleKey, g.ScopeId }) }, null);
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static async Task<IResult> DeactivateAsync(
        Guid organizationId, Guid memberId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            var decision = Deactivate.Evaluate(write.Compiled, write.Actor, new DeactivateRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.Deactivate(write.Now) is { Succeeded: false } refused)
            {
                return Problems.From(refused.Error!, StatusCodes.Status409Conflict);
            }
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberDeactivated, "member", memberId, new { status = MemberStatus.Active }, new { status = MemberStatus.Deactivated });
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static async Task<IResult> ReactivateAsync(
        Guid organizationId, Guid memberId, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        var result = await work.RunAsync(organizationId, async write =>
        {
            var decision = Reactivate.Evaluate(write.Compiled, write.Actor, new ReactivateRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var seats = await Seats.CountAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, CancellationToken.None);
            if (seats.CanTake(1) is { Succeeded: false } full)
            {
                return Problems.From(full.Error!, StatusCodes.Status409Conflict);
            }
            if (member.Reactivate() is { Succeeded: false } refused)
            {
                return Problems.From(refused.Error!, StatusCodes.Status409Conflict);
            }
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberReactivated, "member", memberId, new { status = MemberStatus.Deactivated }, new { status = MemberStatus.Active });
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static async Task<IResult> ChangeOwnerAsync(
        Guid organizationId, Guid memberId, OwnerBody body, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (body.Owner is not { } owner)
        {
            return Problems.Invalid("owner", ProblemCodes.ValidationFailed, "'owner' is required: true to make the member an owner, false to take ownership away.");
        }
        var result = await work.RunAsync(organizationId, async write =>
        {
            var decision = ChangeOwner.Evaluate(write.Compiled, write.Actor, new ChangeOwnerRequest(memberId, owner));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            if (member.IsOwner == owner)
            {
                return TypedResults.NoContent();
            }
            member.SetOwner(owner);
            write.MarkAccessChanged();
            write.Audit(AuditActions.OwnerChanged, "member", memberId, new { isOwner = !owner }, new { isOwner = owner });
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(result, organizationId, memberId, context, read, db);
    }

    private static Task<IResult> RemoveAsync(Guid organizationId, Guid memberId, OrganizationWork work) =>
        work.RunAsync(organizationId, async write =>
        {
            var decision = RemoveMember.Evaluate(write.Compiled, write.Actor, new RemoveMemberRequest(memberId));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await LoadAsync(write, memberId) is not { } member)
            {
                return MemberNotFound(memberId);
            }
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.MemberId == memberId).ToListAsync();
            var before = AccessSnapshot(member, grants);
            write.Db.Grants.RemoveRange(grants);
            await DropUnusedInlineRolesAsync(write, memberId, new HashSet<string>(StringComparer.Ordinal));
            write.Db.Members.Remove(member);
            write.MarkAccessChanged();
            write.Audit(AuditActions.MemberRemoved, "member", memberId, new { userId = member.UserId, access = before }, null);
            return TypedResults.NoContent();
        }, CancellationToken.None);

    /// <summary>After a change went through, the member as it is now (read fresh); refusals pass unchanged.</summary>
    private static async Task<IResult> AnswerAsync(IResult result, Guid organizationId, Guid memberId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            return result;
        }
        if (await read.OpenAsync(context, organizationId) is not { } opened
            || await MemberDirectory.RowAsync(db, opened, memberId, context.RequestAborted) is not { } row)
        {
            return TypedResults.NoContent();
        }
        return TypedResults.Ok(ToDto(opened, row));
    }

    private static IResult? ValidateScopeGrant(Guid? scopeId, string? roleKey) =>
        scopeId is null ? Problems.Invalid("scopeId", ProblemCodes.ValidationFailed, "'scopeId' is required.")
        : string.IsNullOrWhiteSpace(roleKey) || roleKey.Length > Validation.MaxNameLength ? Problems.Invalid("roleKey", ProblemCodes.ValidationFailed, "'roleKey' is required.")
        : null;

    private static Task<Member?> LoadAsync(WriteContext write, Guid memberId) =>
        write.Db.Members.SingleOrDefaultAsync(m => m.OrganizationId == write.Organization.Id && m.Id == memberId);

    /// <summary>Deletes the member's inline roles that none of the kept grants names (an inline role lives only as long as its grant).</summary>
    private static async Task DropUnusedInlineRolesAsync(WriteContext write, Guid memberId, HashSet<string> keptKeys)
    {
        var inline = await write.Db.Roles
            .Where(r => r.OrganizationId == write.Organization.Id && r.Kind == RoleKind.Inline && r.InlineForMemberId == memberId)
            .ToListAsync();
        write.Db.Roles.RemoveRange(inline.Where(r => !keptKeys.Contains(r.Key)));
    }

    private static object AccessSnapshot(Member member, IEnumerable<Grant> grants) => AccessSnapshot(member, grants.Select(g => g.Spec));

    private static object AccessSnapshot(Member member, IEnumerable<GrantSpec> grants) => new
    {
        fullAccess = member.HasFullAccess,
        isOwner = member.IsOwner,
        status = member.Status,
        grants = grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId }).ToList(),
    };

    private static IResult StaleVersion(Member member) =>
        Problems.Conflict(ProblemCodes.VersionConflict,
            $"This member's access changed since you read it (now version {member.Version}). Reload the member and apply your change again.");

    /// <summary>The answer for an unknown member (or one the caller may not see).</summary>
    public static IResult MemberNotFound(Guid memberId) =>
        Problems.NotFound(ProblemCodes.MemberNotFound, $"There is no member {memberId} in this organization that you can see. List the members to find their id.");

    private static MemberSort? ParseSort(string? sort) => sort switch
    {
        null or "name" => MemberSort.Name,
        "-name" => MemberSort.NameDescending,
        "email" => MemberSort.Email,
        "-email" => MemberSort.EmailDescending,
        "lastLogin" => MemberSort.LastLogin,
        "-lastLogin" => MemberSort.LastLoginDescending,
        _ => null,
    };

    private static MemberDto ToDto(OpenedOrganization opened, MemberRow row)
    {
        var organization = opened.Organization;
        var member = row.Member;
        var user = row.User;
        var grants = row.Grants
            .Select(g => new MemberGrantDto(
                g.RoleKey,
                organization.FindRole(g.RoleKey)?.Name ?? g.RoleKey,
                g.ScopeId,
                g.ScopeId is { } s ? organization.FindScope(s)?.Name : null))
            .ToList();
        var c = row.Capabilities;
        return new MemberDto(member.Id, user.Id, user.FirstName, user.LastName, user.Email, user.Phone, member.Status, member.IsOwner, member.HasFullAccess,
            member.IsOwner || member.HasFullAccess || row.Grants.Any(g => g.ScopeId is null), member.ManagedBy, grants, user.LastLoginAt, member.Version,
            new MemberCapabilitiesDto(c.EditAccess, c.EditableTargets, c.RemovableFromScopes, c.ChangeFullAccess, c.Deactivate, c.Reactivate, c.Remove, c.ChangeOwnership));
    }
}
