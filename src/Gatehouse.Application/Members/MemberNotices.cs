using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Users;
using Gatehouse.Application.Work;
using Gatehouse.Application.Email;
using Gatehouse.Application.Invitations;

namespace Gatehouse.Application.Members;

/// <summary>
/// The emails that tell a member about a change to their membership, queued in the change's transaction when the
/// access model's <c>policies.memberNotifications</c> names it. People only: never service accounts, erased
/// accounts, or the member who made the change themselves.
/// </summary>
public static class MemberNotices
{
    /// <summary>Outbox kind of "your access changed".</summary>
    public const string AccessChanged = "access_changed";

    /// <summary>Outbox kind of "you were deactivated".</summary>
    public const string Deactivated = "member_deactivated";

    /// <summary>Outbox kind of "you were removed".</summary>
    public const string Removed = "member_removed";

    /// <summary>Queues "your access changed" with the member's access after the change.</summary>
    public static async Task QueueAccessChangedAsync(WriteContext write, IEmailComposer composer, Member member, IEnumerable<GrantSpec> grantsAfter,
        IReadOnlyDictionary<string, string>? extraRoleNames = null)
    {
        if (await RecipientAsync(write, member, MemberNotifications.AccessChanged) is not { } user)
        {
            return;
        }
        var grants = InvitationViews.Grants(grantsAfter, write.Compiled, extraRoleNames).Select(g => new GrantLine(g.RoleName, g.ScopeName)).ToList();
        var email = await composer.AccessChangedAsync(new AccessChangedMail(write.Organization.Name, write.Compiled.Model.OrganizationLabel, user.DisplayName,
            ActorName(write), grants, member.HasFullAccess, member.IsOwner));
        write.Email(AccessChanged, user.Email, email.Subject, email.Text, email.Html);
    }

    /// <summary>Queues "you were deactivated".</summary>
    public static async Task QueueDeactivatedAsync(WriteContext write, IEmailComposer composer, Member member)
    {
        if (await RecipientAsync(write, member, MemberNotifications.Deactivated) is { } user)
        {
            var email = await composer.MemberDeactivatedAsync(Ended(write, user));
            write.Email(Deactivated, user.Email, email.Subject, email.Text, email.Html);
        }
    }

    /// <summary>Queues "you were removed".</summary>
    public static async Task QueueRemovedAsync(WriteContext write, IEmailComposer composer, Member member)
    {
        if (await RecipientAsync(write, member, MemberNotifications.Removed) is { } user)
        {
            var email = await composer.MemberRemovedAsync(Ended(write, user));
            write.Email(Removed, user.Email, email.Subject, email.Text, email.Html);
        }
    }

    private static MembershipEndedMail Ended(WriteContext write, User user) =>
        new(write.Organization.Name, write.Compiled.Model.OrganizationLabel, user.DisplayName, ActorName(write));

    private static async Task<User?> RecipientAsync(WriteContext write, Member member, MemberNotifications notification)
    {
        if (!write.Compiled.Model.Policies.MemberNotifications.HasFlag(notification)
            || (write.Policy.Kind == ActorKind.Member && write.Policy.UserId == member.UserId))
        {
            return null;
        }
        var user = await write.Db.Users.FindAsync(member.UserId);
        return user is { Kind: UserKind.Person, ErasedAt: null } ? user : null;
    }

    private static string ActorName(WriteContext write) =>
        write.Policy.Kind == ActorKind.Member && write.Compiled.FindMemberByUser(write.Policy.UserId) is { } actor
            ? actor.Entry.Name
            : InvitationViews.ProductSupport;
}
