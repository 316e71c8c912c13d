using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api;

/// <summary>Members of an organization: the list, one member, their access, and their membership's life cycle.</summary>
public static partial class MemberEndpoints
{


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



    /// <summary>The member's whole access; <c>version</c> is the one last read.</summary>
    public sealed record ReplaceAccessBody(int? Version, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess, InlineRoleRequest? InlineRole);

    /// <summary>Adding an existing member to a scope with a role.</summary>
    public sealed record AddToScopeBody(Guid? ScopeId, string? RoleKey);

    /// <summary>Adding an existing member, found by email, to a scope with a role (a project's "Add User").</summary>
    public sealed record AddByEmailBody(string? Email, Guid? ScopeId, string? RoleKey);

    /// <summary>Making a member an owner or not.</summary>
    public sealed record OwnerBody(bool? Owner);

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
}
