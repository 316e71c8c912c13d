namespace Gatehouse.Application.Email;

/// <summary>Renders the emails use cases queue (the server renders them from its templates).</summary>
public interface IEmailComposer
{
    /// <summary>A first invitation.</summary>
    Task<ComposedEmail> InvitationAsync(InvitationMail mail);

    /// <summary>An invitation sent again.</summary>
    Task<ComposedEmail> InvitationResentAsync(InvitationMail mail);

    /// <summary>A password reset.</summary>
    Task<ComposedEmail> PasswordResetAsync(PasswordResetMail mail);

    /// <summary>An email verification.</summary>
    Task<ComposedEmail> EmailVerificationAsync(EmailVerificationMail mail);

    /// <summary>A member's access changed.</summary>
    Task<ComposedEmail> AccessChangedAsync(AccessChangedMail mail);

    /// <summary>A member was deactivated.</summary>
    Task<ComposedEmail> MemberDeactivatedAsync(MembershipEndedMail mail);

    /// <summary>A member was removed.</summary>
    Task<ComposedEmail> MemberRemovedAsync(MembershipEndedMail mail);
}
