using Gatehouse.Application.Accounts;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Members;

/// <summary>Whose verification email to send again.</summary>
/// <param name="OrganizationId">The organization the administrator acts in.</param>
/// <param name="MemberId">The member.</param>
public sealed record ResendMemberVerificationCommand(Guid OrganizationId, Guid MemberId);

/// <summary>
/// "Resend verification email" for administrators: the same email a person asks for on their profile
/// (<see cref="VerificationMail"/>), sent to the member's current address. Who may is the rule for changing the
/// member's details (<see cref="ChangeMemberDetails"/>), asked under the organization's lock; an address that is
/// verified already is refused with <c>email_already_verified</c>.
/// </summary>
public sealed class ResendMemberVerificationHandler(OrganizationWork work, UserManager<User> users, VerificationMail mail)
{
    /// <summary>Where the email went, or why none was sent.</summary>
    public Task<Result<VerificationSent>> HandleAsync(Actor actor, Origin origin, ResendMemberVerificationCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => SendAsync(write, command.MemberId), cancellationToken);

    private async Task<Result<VerificationSent>> SendAsync(WriteContext write, Guid memberId)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = ChangeMemberDetails.Evaluate(write.Compiled, write.Policy, new ChangeMemberDetailsRequest(memberId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (write.Compiled.FindMember(memberId) is not { } member || await users.FindByIdAsync(member.UserId.ToString()) is not { } user)
        {
            return VisibleMember.NotFound(memberId);
        }
        if (user.EmailVerifiedAt is not null)
        {
            return Failure.Conflict(AccountCodes.AlreadyVerified,
                $"{user.DisplayName} verified {user.Email} already; there is nothing to resend.");
        }
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await mail.QueueAsync(write.Db, user, user.Email, null, token, write.Origin, write.Now);
        return new VerificationSent(user.Email);
    }
}
