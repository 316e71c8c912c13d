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

/// <summary>Which changes to a membership are emailed to the member (<c>policies.memberNotifications</c>).</summary>
[Flags]
public enum MemberNotifications
{
    /// <summary>No member is emailed about changes to their membership.</summary>
    None = 0,

    /// <summary>The member's grants or full access changed (<c>access_changed</c>).</summary>
    AccessChanged = 1,

    /// <summary>The member was deactivated (<c>deactivated</c>).</summary>
    Deactivated = 2,

    /// <summary>The member was removed from the organization (<c>removed</c>).</summary>
    Removed = 4,
}

/// <summary>The access model's policies.</summary>
/// <param name="InvitationLifetime">How long an invitation link stays valid.</param>
/// <param name="SeatCounting">Which members count against the seat limit.</param>
/// <param name="OneRolePerMember">A member holds exactly one role (micromobility).</param>
/// <param name="CustomRoles">Organizations may create reusable custom roles (permission groups).</param>
/// <param name="InlineRoles">A one-off permission set may be given to one member (the "Custom" role).</param>
/// <param name="AccountDeletion">Who may permanently delete accounts.</param>
/// <param name="EmailVerificationRequired">Members must verify their email before signing in.</param>
/// <param name="MemberNotifications">Which changes to their membership members are emailed about (people only, never service accounts).</param>
public sealed record AccessPolicies(
    TimeSpan InvitationLifetime,
    SeatCounting SeatCounting,
    bool OneRolePerMember,
    bool CustomRoles,
    bool InlineRoles,
    AccountDeletion AccountDeletion,
    bool EmailVerificationRequired,
    MemberNotifications MemberNotifications = MemberNotifications.None)
{
    /// <summary>An invitation must give each invitee's first and last name (seed 004: "you will be required to provide its First Name and Last name").</summary>
    public bool InviteeNameRequired { get; init; }

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
