namespace Gatehouse.Core.Invitations;

/// <summary>Where an invitation is in its life.</summary>
public enum InvitationStatus
{
    /// <summary>Sent and waiting; the link works until it expires.</summary>
    Pending,

    /// <summary>The invitee joined; the link no longer works.</summary>
    Accepted,

    /// <summary>An admin withdrew it; the link no longer works.</summary>
    Revoked,

    /// <summary>Not accepted before its expiry; it can be resent.</summary>
    Expired,
}
