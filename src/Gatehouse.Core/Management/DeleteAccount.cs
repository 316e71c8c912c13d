using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A user account to erase permanently.</summary>
/// <param name="UserId">The account.</param>
/// <param name="MembershipOrganizationIds">Every organization the account is a member of, as the store knows it.</param>
public sealed record DeleteAccountRequest(Guid UserId, IReadOnlyCollection<Guid> MembershipOrganizationIds);

/// <summary>May the actor permanently delete (erase) a user account?</summary>
public static class DeleteAccount
{
    /// <summary>
    /// "Permanently deleting an account (erasure) is for platform operators; an access-model policy may let an
    /// organization delete accounts that belong to it alone" — and then only as someone who may remove the member.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, DeleteAccountRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        if (acting.IsOperator)
        {
            return Decision.Allowed;
        }
        if (organization.Model.Policies.AccountDeletion != AccountDeletion.OrganizationWhenSoleMembership)
        {
            return Refusals.AccountDeletionNotAllowed(organization);
        }
        if (organization.FindMemberByUser(request.UserId) is not { } member)
        {
            return Refusals.MemberNotFound(organization);
        }
        return RemoveMember.Evaluate(organization, actor, new RemoveMemberRequest(member.Entry.MemberId))
            // After the removal rules, so only someone who may remove the member learns about other organizations.
            .Then(() => request.MembershipOrganizationIds.Any(id => id != organization.OrganizationId)
                ? Refusals.AccountHasOtherMemberships(member)
                : Decision.Allowed);
    }
}
