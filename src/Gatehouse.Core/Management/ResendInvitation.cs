using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Management;

/// <summary>May the actor send a pending or expired invitation again, with a new link?</summary>
public static class ResendInvitation
{
    /// <summary>
    /// Resending makes the same offer again under the actor's name, so it takes what sending it takes: <c>members.invite</c>
    /// at every target it covers, every permission of the roles it offers there, and full access for a full-access offer.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, Invitation invitation)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        return acting is null ? refusal : InvitationRules.RequireRightsToSend(acting, invitation);
    }
}
