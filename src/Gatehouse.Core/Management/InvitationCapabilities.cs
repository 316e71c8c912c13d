using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Core.Management;

/// <summary>What a viewer may do with one invitation in the pending list.</summary>
/// <param name="Resend">The viewer may send it again with a new link.</param>
/// <param name="Revoke">The viewer may withdraw it.</param>
public sealed record InvitationCapabilities(bool Resend, bool Revoke)
{
    /// <summary>Asks the resend and revoke policies about this invitation.</summary>
    public static InvitationCapabilities Evaluate(CompiledOrganization organization, Actor actor, Invitation invitation) =>
        new(ResendInvitation.Evaluate(organization, actor, invitation).IsAllowed,
            RevokeInvitation.Evaluate(organization, actor, invitation).IsAllowed);
}
