using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Management;

/// <summary>May the actor withdraw a pending or expired invitation?</summary>
public static class RevokeInvitation
{
    /// <summary>
    /// Withdrawing an offer takes what sending it takes (<c>members.invite</c> at every target, the offered roles within
    /// the actor's own there, full access for a full-access offer), so a lesser admin cannot cancel a greater one's offer.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, Invitation invitation)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        return acting is null ? refusal : InvitationRules.RequireRightsToSend(acting, invitation);
    }
}
