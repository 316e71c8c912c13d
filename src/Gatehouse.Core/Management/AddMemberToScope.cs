using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>Someone to add to a target by email, as from a project's "Add User".</summary>
/// <param name="Email">The email typed.</param>
/// <param name="UserId">The user the email belongs to, or null when no account has it.</param>
/// <param name="Grant">The role and the target.</param>
/// <param name="InlineRole">A one-off role the grant may name, when the model allows them.</param>
public sealed record AddMemberToScopeRequest(string Email, Guid? UserId, GrantSpec Grant, InlineRole? InlineRole = null);

/// <summary>May the actor add an existing member of the organization to a target by email?</summary>
public static class AddMemberToScope
{
    /// <summary>
    /// "<c>members.assign</c> without <c>members.invite</c> adds only people who are already members; for an
    /// unknown email the answer says that someone who may invite must invite them first."
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, AddMemberToScopeRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        var target = request.Grant.ScopeId;
        var allowedHere = TargetRules.RequireTarget(organization, target)
            .Then(() => TargetRules.RequirePermission(acting, ManagementPermissions.Assign, target));
        if (!allowedHere.IsAllowed)
        {
            // Checked first so that the answer cannot be used to probe who is a member.
            return allowedHere;
        }
        if (request.UserId is not { } userId || organization.FindMemberByUser(userId) is not { } member)
        {
            return Refusals.InvitationRequired(organization, request.Email.Trim(), target, acting.Holds(ManagementPermissions.Invite, target));
        }
        return AssignGrant.Evaluate(organization, actor, new AssignGrantRequest(member.Entry.MemberId, request.Grant, request.InlineRole));
    }
}
