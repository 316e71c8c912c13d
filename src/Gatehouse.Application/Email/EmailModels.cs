using System.Globalization;

namespace Gatehouse.Application.Email;

/// <summary>One grant as an email names it: "Manager rights" at "Riverside".</summary>
public sealed record GrantLine(string Role, string Place);

/// <summary>An invitation (first or resent): who invites to which organization with what access, the link and until when it works.</summary>
public sealed record InvitationMail(string OrganizationName, string OrganizationLabel, string InviterName, IReadOnlyList<GrantLine> Grants, bool FullAccess,
    string Link, DateTimeOffset ExpiresAt, string? InviteeFirstName);

/// <summary>A password reset: the person's name and the one-time link.</summary>
public sealed record PasswordResetMail(string Name, string Link);

/// <summary>An email verification: the person's name, the address to verify and the link.</summary>
public sealed record EmailVerificationMail(string Name, string Address, string Link);

/// <summary>A member's access changed: what they hold now and who changed it.</summary>
public sealed record AccessChangedMail(string OrganizationName, string OrganizationLabel, string MemberName, string ActorName, IReadOnlyList<GrantLine> Grants,
    bool FullAccess, bool IsOwner);

/// <summary>A member was deactivated or removed: by whom, and whom to ask.</summary>
public sealed record MembershipEndedMail(string OrganizationName, string OrganizationLabel, string MemberName, string ActorName);

/// <summary>An email ready for the outbox.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);

/// <summary>How emails write instants: the same for every reader, in UTC.</summary>
public static class EmailFormat
{
    /// <summary>"2025-03-01 14:30 UTC".</summary>
    public static string When(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
