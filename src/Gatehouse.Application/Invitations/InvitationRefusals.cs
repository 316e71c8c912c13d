using Gatehouse.Application.Work;
using Gatehouse.Core.Invitations;

namespace Gatehouse.Application.Invitations;

/// <summary>
/// Why an invitation link cannot be used now, as failures: the API and the accept page both show these, so the invitee
/// reads the same words wherever they use the link.
/// </summary>
public static class InvitationRefusals
{
    private const string TokenRequired = "'token' is required: copy it from the invitation link (the part after 'token=').";

    /// <summary>No token, or one longer than any token we send.</summary>
    public static Failure? ForMalformed(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 200 ? Failure.Invalid("token", WorkCodes.ValidationFailed, TokenRequired) : null;

    /// <summary>A token no invitation holds (any more).</summary>
    public static Failure TokenInvalid { get; } = Failure.Of(FailureKind.Gone, InvitationCodes.TokenInvalid,
        "This invitation link is not valid: it was replaced by a newer email, or it was copied incompletely. Use the link in the newest invitation email, or ask the person who invited you to resend it.");

    /// <summary>Why an invitation in <paramref name="status"/> cannot be accepted, naming whom to ask; null while it is pending.</summary>
    public static Failure? ForStatus(InvitationStatus status, DateTimeOffset expiresAt, string inviterName) => status switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Expired => Failure.Of(FailureKind.Gone, InvitationCodes.Expired,
            $"This invitation expired on {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; ask {inviterName} to resend it."),
        InvitationStatus.Revoked => Failure.Of(FailureKind.Gone, InvitationCodes.Revoked,
            $"This invitation was withdrawn; ask {inviterName} for a new one if you still need access."),
        _ => Failure.Conflict(InvitationCodes.AlreadyUsed, "This invitation was already used; sign in with the account that accepted it."),
    };

    /// <summary>The invited account is in the organization already.</summary>
    public static Failure AlreadyMember(string email, string organizationLabel) =>
        Failure.Conflict(Core.Management.ManagementCodes.AlreadyMember, $"{email} is already a member of this {organizationLabel}; sign in instead.");

    /// <summary>Name or password sent for an email that has an account already.</summary>
    public static Failure AccountExists { get; } = Failure.Conflict(InvitationCodes.AccountExists,
        "An account with this email address exists already; accept with the token alone and the invitation is added to that account.");

    /// <summary>The account of the invited email appeared or went away between looking and accepting.</summary>
    public static Failure AccountChanged { get; } = Failure.Conflict(InvitationCodes.AccountExists,
        "The account for this email address changed while accepting; try again.");
}
