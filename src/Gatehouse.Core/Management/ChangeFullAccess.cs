using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>A member's full-access flag to turn on or off.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="FullAccess">The new value.</param>
public sealed record ChangeFullAccessRequest(Guid MemberId, bool FullAccess);

/// <summary>May the actor give or take away a member's full access?</summary>
public static class ChangeFullAccess
{
    /// <summary>
    /// "Full access can only be given by a member with full access or an owner"; taking it away changes a member
    /// who holds everything, which by the same principle only someone holding everything may do.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ChangeFullAccessRequest request)
    {
        return MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
        {
            if (member.Entry.HasFullAccess == request.FullAccess)
            {
                return Decision.Allowed;
            }
            return (acting.BypassesChecks ? Decision.Allowed : Refusals.FullAccessRequiresFullAccess())
                .Then(() => MemberRules.RequireEditable(acting, member))
                .Then(() => MemberRules.RequireNotProtected(acting, member));
        });
    }
}
