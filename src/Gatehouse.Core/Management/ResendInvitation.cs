using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Management;

/// <summary>May the actor send a pending or expired invitation again, with a new link?</summary>
public static class ResendInvitation
{
    /// <summary>Resending keeps the offer as it is (only the link and sender change), so it needs <c>members.invite</c> at every target the invitation covers (DESIGN.md, "Who may manage whom").</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, Invitation invitation)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        return acting is null ? refusal : InvitationRules.RequireInviteEverywhere(acting, invitation);
    }
}
