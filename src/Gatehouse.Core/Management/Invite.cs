using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Management;

/// <summary>An invitation to send: who, with which grants and whether with full access.</summary>
/// <param name="Email">The invitee's email address.</param>
/// <param name="Grants">The proposed grants (one or many targets).</param>
/// <param name="FullAccess">Whether the invitee gets full access.</param>
/// <param name="ExistingUserId">The user the email already belongs to, when the caller found one.</param>
/// <param name="InlineRole">A one-off role the grants may name, when the model allows them.</param>
/// <param name="Ownership">Whether accepting makes the invitee an owner.</param>
public sealed record InviteRequest(string Email, IReadOnlyList<GrantSpec> Grants, bool FullAccess = false, Guid? ExistingUserId = null, InlineRole? InlineRole = null,
    bool Ownership = false);

/// <summary>May the actor invite someone with the proposed access?</summary>
public static class Invite
{
    /// <summary>
    /// An invitation can be sent only to targets where the inviter holds <c>members.invite</c>, offering only
    /// roles the inviter holds there; full access only from full access or an owner (DESIGN.md, "Who may manage whom").
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, InviteRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        if (EmailAddress.Validate(request.Email).Error is { } invalidEmail)
        {
            return Decision.Refuse(Refusal.Invalid, invalidEmail);
        }
        var grants = request.Grants.Distinct().ToList();
        return GrantRules.ValidateInline(organization, request.InlineRole)
            .Then(() => RequireShape(organization, request.Email, grants, request.FullAccess || request.Ownership))
            // Offering ownership is making someone an owner: only an owner (or product support) may (ChangeOwner's rule).
            .Then(() => request.Ownership && !acting.IsOwner ? Refusals.OwnerOnly(organization) : Decision.Allowed)
            .Then(() => (request.FullAccess || request.Ownership) && !acting.BypassesChecks ? Refusals.FullAccessRequiresFullAccess() : Decision.Allowed)
            .Then(() => GrantRules.MayGrantEach(acting, grants, request.InlineRole, ManagementPermissions.Invite))
            // Said only once the actor may invite here, so the answer cannot be used to probe who is a member.
            .Then(() => request.ExistingUserId is { } userId && organization.FindMemberByUser(userId) is not null
                ? Refusals.AlreadyMember(organization, request.Email.Trim())
                : Decision.Allowed);
    }

    private static Decision RequireShape(CompiledOrganization organization, string email, List<GrantSpec> grants, bool fullAccess)
    {
        if (organization.Model.Policies.OneRolePerMember && grants.Count != 1)
        {
            return Refusals.OneRolePerMember(organization);
        }
        // An invitation that gives nothing would make a member no one can see or manage from any place.
        return grants.Count == 0 && !fullAccess ? Refusals.AccessRequired(email.Trim()) : Decision.Allowed;
    }
}
