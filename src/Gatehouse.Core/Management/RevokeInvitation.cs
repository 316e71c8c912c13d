using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Management;

/// <summary>May the actor withdraw a pending or expired invitation?</summary>
public static class RevokeInvitation
{
    /// <summary>Withdrawing an offer needs <c>members.invite</c> at every target the invitation covers (DESIGN.md, "Who may manage whom").</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, Invitation invitation)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        return acting is null ? refusal : InvitationRules.RequireInviteEverywhere(acting, invitation);
    }
}
