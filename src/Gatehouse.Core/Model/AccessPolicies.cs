namespace Gatehouse.Core.Model;

/// <summary>Which members use up a seat of the organization's licence.</summary>
public enum SeatCounting
{
    /// <summary>Only active members count.</summary>
    ActiveMembers,

    /// <summary>Active members and pending invitations count.</summary>
    ActiveMembersAndPendingInvitations,
}

/// <summary>Who may permanently delete (erase) a user account.</summary>
public enum AccountDeletion
{
    /// <summary>Only the deployment's platform operators (product support).</summary>
    PlatformOperatorsOnly,

    /// <summary>Platform operators, and an organization for accounts that belong to it alone.</summary>
    OrganizationWhenSoleMembership,
}

/// <summary>The access model's policies.</summary>
/// <param name="InvitationLifetime">How long an invitation link stays valid.</param>
/// <param name="SeatCounting">Which members count against the seat limit.</param>
/// <param name="OneRolePerMember">A member holds exactly one role (micromobility).</param>
/// <param name="CustomRoles">Organizations may create reusable custom roles (permission groups).</param>
/// <param name="InlineRoles">A one-off permission set may be given to one member (the "Custom" role).</param>
/// <param name="AccountDeletion">Who may permanently delete accounts.</param>
/// <param name="EmailVerificationRequired">Members must verify their email before signing in.</param>
public sealed record AccessPolicies(
    TimeSpan InvitationLifetime,
    SeatCounting SeatCounting,
    bool OneRolePerMember,
    bool CustomRoles,
    bool InlineRoles,
    AccountDeletion AccountDeletion,
    bool EmailVerificationRequired)
{
    /// <summary>Policies used when a model file leaves them out.</summary>
    public static AccessPolicies Default { get; } = new(
        TimeSpan.FromDays(7),
        SeatCounting.ActiveMembers,
        OneRolePerMember: false,
        CustomRoles: true,
        InlineRoles: false,
        AccountDeletion.PlatformOperatorsOnly,
        EmailVerificationRequired: false);
}
