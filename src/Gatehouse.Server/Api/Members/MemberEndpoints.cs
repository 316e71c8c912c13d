using Gatehouse.Application.Grants;
using Gatehouse.Application.Members;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api.Members;

/// <summary>
/// Members of an organization over REST: the list, one member, their access, and their membership's life cycle
/// (the use cases are in Gatehouse.Application.Members; this maps each one to a route and its result to HTTP).
/// </summary>
public static partial class MemberEndpoints
{
    /// <summary>The member's whole access; <c>version</c> is the one last read.</summary>
    public sealed record ReplaceAccessBody(int? Version, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess, InlineRoleRequest? InlineRole);

    /// <summary>Adding an existing member to a scope with a role.</summary>
    public sealed record AddToScopeBody(Guid? ScopeId, string? RoleKey);

    /// <summary>Adding an existing member, found by email, to a scope with a role (a project's "Add User").</summary>
    public sealed record AddByEmailBody(string? Email, Guid? ScopeId, string? RoleKey);

    /// <summary>Making a member an owner or not.</summary>
    public sealed record OwnerBody(bool? Owner);

    /// <summary>A member's new first name, last name and phone (null or empty phone for none).</summary>
    public sealed record DetailsBody(string? FirstName, string? LastName, string? Phone);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/members").WithTags("Members")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync).WithName("listMembers")
            .WithSummary("Lists members, filtered, sorted and in cursor pages.")
            .WithDescription("Filters: scopeId (everyone with access there), role, type (organization: organization-wide; scope: scope access only), status (active, deactivated), fullAccess, emailVerified (true: the person confirmed their email address; false: not yet) and q (name or email). Sort: name, -name, email, -email, lastLogin, -lastLogin. Each row says what the caller may do with that member. A caller without 'members.view' on the organization sees themself and the members of the scopes where they hold it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(MemberListParameters.DescribeAsync);

        group.MapGet("/{memberId:guid}", GetAsync).WithName("getMember")
            .WithSummary("One member.")
            .WithDescription("The member with their grants, status, latest sign-in, access version and what the caller may do with them. A grant of a one-off role of this member alone (micromobility's \"Custom\") carries its permission codes in inlinePermissions, with what they include (edit gives view); other grants have null there. A member the caller may not see answers 404 member_not_found, as an unknown id does.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{memberId:guid}/access", ReplaceAccessAsync).WithName("replaceMemberAccess")
            .WithSummary("Replaces the member's grants and full access; a stale version is refused with 409 version_conflict.")
            .WithDescription("Send every grant the member should hold and the version read with the member. The caller may only change what the policy lets them assign; the member is emailed about the change when the organization's policy says so. Answers the member as they are now, or 204 when the caller can no longer see them.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesManagementRefusals();

        group.MapPut("/{memberId:guid}/details", ChangeDetailsAsync).WithName("changeMemberDetails")
            .WithSummary("Changes the member's first name, last name and phone.")
            .WithDescription("Needs 'members.assign' wherever the membership reaches and the member's access within the caller's own; people managed by provisioning (403 managed_externally), owners (for non-owners) and holders of a protected role are refused. The details are the person's account, so every organization they belong to sees the change and records user.profile_changed with the caller as actor. Answers the member as they are now.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesManagementRefusals();

        group.MapPost("/{memberId:guid}/verification-email", ResendVerificationAsync).WithName("resendMemberVerificationEmail")
            .WithSummary("Sends the member the email that verifies their address again.")
            .WithDescription("The same rule as changing the member's details. An address that is verified already is refused with 409 email_already_verified. Answers where the email went; it is sent from the outbox shortly after.")
            .ProducesManagementRefusals();

        group.MapPost("/{memberId:guid}/scopes", AddToScopeAsync).WithName("addMemberToScope")
            .WithSummary("Gives an existing member a role at a scope.")
            .WithDescription("Adds one grant; the member's other access stays. Answers the member as they are now.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesManagementRefusals();

        group.MapPost("/add-to-scope", AddByEmailAsync).WithName("addMemberToScopeByEmail")
            .WithSummary("Gives a member found by email a role at a scope.")
            .WithDescription("A project's \"Add User\": an unknown email answers that someone who may invite must invite them; someone who already has that access is told so.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesManagementRefusals();

        group.MapDelete("/{memberId:guid}/scopes/{scopeId:guid}", RemoveFromScopeAsync).WithName("removeMemberFromScope")
            .WithSummary("Removes the member's grants at a scope; the membership and the account stay.")
            .WithDescription("Answers the member as they are now, or 204 when the caller can no longer see them.")
            .ProducesManagementRefusals();

        group.MapPost("/{memberId:guid}/deactivate", DeactivateAsync).WithName("deactivateMember")
            .WithSummary("Deactivates the membership: no access in this organization, no seat; grants are kept.")
            .WithDescription("The member can no longer sign in to this organization; reactivating gives back the access they had.")
            .ProducesManagementRefusals();

        group.MapPost("/{memberId:guid}/reactivate", ReactivateAsync).WithName("reactivateMember")
            .WithSummary("Reactivates the membership; needs a free seat (409 seat_limit_reached).")
            .WithDescription("The member can sign in again with the access they had.")
            .ProducesManagementRefusals();

        group.MapPut("/{memberId:guid}/owner", ChangeOwnerAsync).WithName("changeMemberOwnership")
            .WithSummary("Makes the member an owner or takes ownership away (owners only; the last owner stays).")
            .WithDescription("Send owner: true to make the member an owner, false to take ownership away. Taking it from the last owner is refused with 409 last_owner.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesManagementRefusals();

        group.MapDelete("/{memberId:guid}", RemoveAsync).WithName("removeMember")
            .WithSummary("Removes the member from the organization with their grants; the user account stays.")
            .WithDescription("Permanent deletion of the account is product support's (platform erasure), or the organization's where the access model allows it (DELETE …/members/{memberId}/account).")
            .ProducesManagementRefusals();

        group.MapDelete("/{memberId:guid}/account", DeleteAccountAsync).WithName("deleteMemberAccount")
            .WithSummary("Deletes the member's account permanently, where the access model lets an organization delete accounts that belong to it alone.")
            .WithDescription("Only with accountDeletion: organizationWhenSoleMembership in the access model (otherwise 403 account_deletion_not_allowed), for a caller who may remove the member "
                + "(the same rules and refusals as DELETE …/members/{memberId}), and only when the account is a member of this organization alone (otherwise 409 account_has_other_memberships, "
                + "naming no other organization). The account is erased as the platform erasure does: membership, grants, API keys and invitations go, and the person's email, names and phone "
                + "are replaced by a pseudonym everywhere, the audit log included; audited as user.erased. Checked under the account's row lock, which accepting an invitation elsewhere takes too. "
                + "Your own account: 409 cannot_delete_own_account.")
            .ProducesManagementRefusals();
    }
}
