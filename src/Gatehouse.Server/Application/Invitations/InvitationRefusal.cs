using Gatehouse.Core.Errors;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Api;
using Gatehouse.Application.Invitations;

namespace Gatehouse.Server.Application.Invitations;

/// <summary>
/// Why an invitation link cannot be used now: the HTTP status the API answers with, a stable code, the sentence
/// a person can act on and, for bad input, the sentences per field. The API and the accept page both show these,
/// so the invitee reads the same words wherever they use the link.
/// </summary>
public sealed record InvitationRefusal(int Status, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The problem answer of the API.</summary>
    public IResult ToResult() => Problems.Of(Status, Code, Detail, Errors);

    /// <summary>An expected failure of the domain (such as the seat limit) as a refusal.</summary>
    public static InvitationRefusal From(Error error, int status) =>
        new(status, error.Code, error.Message, error.Field is { } field ? new Dictionary<string, string[]> { [field] = [error.Message] } : null);

    /// <summary>No token, or one longer than any token we send.</summary>
    public static InvitationRefusal? ForMalformed(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 200
            ? new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "'token' is required: copy it from the invitation link (the part after 'token=').",
                new Dictionary<string, string[]> { ["token"] = ["'token' is required: copy it from the invitation link (the part after 'token=')."] })
            : null;

    /// <summary>A token no invitation holds (any more).</summary>
    public static InvitationRefusal TokenInvalid { get; } = new(StatusCodes.Status410Gone, InvitationCodes.TokenInvalid,
        "This invitation link is not valid: it was replaced by a newer email, or it was copied incompletely. Use the link in the newest invitation email, or ask the person who invited you to resend it.");

    /// <summary>Why an invitation in <paramref name="status"/> cannot be accepted, naming whom to ask; null while it is pending.</summary>
    public static InvitationRefusal? ForStatus(InvitationStatus status, DateTimeOffset expiresAt, string inviterName) => status switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Expired => new(StatusCodes.Status410Gone, InvitationCodes.Expired,
            $"This invitation expired on {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; ask {inviterName} to resend it."),
        InvitationStatus.Revoked => new(StatusCodes.Status410Gone, InvitationCodes.Revoked,
            $"This invitation was withdrawn; ask {inviterName} for a new one if you still need access."),
        _ => new(StatusCodes.Status409Conflict, InvitationCodes.AlreadyUsed, "This invitation was already used; sign in with the account that accepted it."),
    };

    /// <summary>The invited account is in the organization already.</summary>
    public static InvitationRefusal AlreadyMember(string email, string organizationLabel) =>
        new(StatusCodes.Status409Conflict, Core.Management.ManagementCodes.AlreadyMember, $"{email} is already a member of this {organizationLabel}; sign in instead.");

    /// <summary>Name or password sent for an email that has an account already.</summary>
    public static InvitationRefusal AccountExists { get; } = new(StatusCodes.Status409Conflict, InvitationCodes.AccountExists,
        "An account with this email address exists already; accept with the token alone and the invitation is added to that account.");

    /// <summary>The account of the invited email appeared or went away between looking and accepting.</summary>
    public static InvitationRefusal AccountChanged { get; } = new(StatusCodes.Status409Conflict, InvitationCodes.AccountExists,
        "The account for this email address changed while accepting; try again.");
}
