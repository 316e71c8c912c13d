using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;

namespace Gatehouse.Application.Work;

/// <summary>
/// A member as a write leaves them, which the write holds in memory already: their row, their user and every grant
/// they hold after the write (see <see cref="WriteContext.Knows"/>). Under the organization's lock this is exactly
/// what reading them back after the save would return, without the round trip.
/// </summary>
/// <param name="Member">The membership (tracked by the write's context).</param>
/// <param name="User">The member's user.</param>
/// <param name="Grants">Every grant the member holds after the write.</param>
public sealed record KnownMember(Member Member, User User, IReadOnlyList<Grant> Grants)
{
    /// <summary>No member known.</summary>
    public static readonly IReadOnlyDictionary<Guid, KnownMember> None = new Dictionary<Guid, KnownMember>();

    /// <summary>The member as the access engine compiles them.</summary>
    public MemberChange ToChange() => new(
        Member.Id,
        new MemberEntry(Member.Id, Member.UserId, User.DisplayNameOf(User.FirstName, User.LastName, User.Email), Member.Status, Member.IsOwner,
            Member.HasFullAccess, Member.ManagedBy, Contact: new MemberContact(User.FirstName, User.LastName, User.Email, User.Kind == UserKind.Person)),
        [.. Grants.Select(g => new GrantEntry(Member.Id, g.RoleKey, g.ScopeId))]);
}
