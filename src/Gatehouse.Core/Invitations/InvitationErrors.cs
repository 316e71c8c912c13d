namespace Gatehouse.Core.Invitations;

/// <summary>Stable codes of the expected failures an <see cref="Invitation"/> raises; the API answers with the same codes.</summary>
public static class InvitationErrors
{
    /// <summary>The token is not the invitation's current one (replaced by a resend, or copied incompletely).</summary>
    public const string TokenInvalid = "invitation_token_invalid";

    /// <summary>The invitation expired.</summary>
    public const string Expired = "invitation_expired";

    /// <summary>The invitation was withdrawn.</summary>
    public const string Revoked = "invitation_revoked";

    /// <summary>The invitation was accepted already.</summary>
    public const string AlreadyUsed = "invitation_already_used";
}
