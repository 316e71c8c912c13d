using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Access;

/// <summary>Everything the access engine needs about one organization, as plain values.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="Members">Its members (active and deactivated).</param>
/// <param name="Roles">Its custom and inline roles (system roles come from the model).</param>
/// <param name="Grants">Its grants.</param>
public sealed record OrganizationSnapshot(
    Guid OrganizationId,
    IReadOnlyList<ScopeEntry> Scopes,
    IReadOnlyList<MemberEntry> Members,
    IReadOnlyList<RoleEntry> Roles,
    IReadOnlyList<GrantEntry> Grants)
{
    /// <summary>Builds a snapshot from the organization's entities; <paramref name="users"/> must include every member's user.</summary>
    public static OrganizationSnapshot From(
        Guid organizationId,
        IEnumerable<Scope> scopes,
        IEnumerable<Member> members,
        IEnumerable<User> users,
        IEnumerable<Role> roles,
        IEnumerable<Grant> grants)
    {
        var usersById = users.ToDictionary(u => u.Id);
        return new OrganizationSnapshot(
            organizationId,
            [.. scopes.Select(s => new ScopeEntry(s.Id, s.ParentId, s.Name))],
            [.. members.Select(m =>
            {
                var user = usersById[m.UserId];
                return new MemberEntry(m.Id, m.UserId, user.DisplayName, m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy, user.LockoutEnd,
                    new MemberContact(user.FirstName, user.LastName, user.Email, user.Kind == UserKind.Person));
            })],
            [.. roles.Select(r => new RoleEntry(r.Key, r.Name, r.Kind, r.Permissions))],
            [.. grants.Select(g => new GrantEntry(g.MemberId, g.RoleKey, g.ScopeId))]);
    }
}

/// <summary>A scope as the engine sees it.</summary>
public sealed record ScopeEntry(Guid Id, Guid? ParentId, string Name);

/// <summary>
/// A member as the engine sees it; <c>Contact</c> is their user's names and email as loaded (what the people lookup answers),
/// null only where a test leaves them out.
/// </summary>
public sealed record MemberEntry(
    Guid MemberId,
    Guid UserId,
    string Name,
    MemberStatus Status,
    bool IsOwner,
    bool HasFullAccess,
    ManagedBy ManagedBy = ManagedBy.Gatehouse,
    DateTimeOffset? LockoutEnd = null,
    MemberContact? Contact = null);

/// <summary>
/// A member's user as people are shown: names and email, and whether the user is a person (service accounts are members too).
/// Kept by the engine so that "who may do this here" answers without a query; a change to the user is a change of access
/// (the account's organizations are locked and notified, see <c>AccountChange</c>), so every node holds the current one.
/// </summary>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
/// <param name="IsPerson">False for a service account.</param>
public sealed record MemberContact(string FirstName, string LastName, string Email, bool IsPerson);

/// <summary>An organization's own role as the engine sees it.</summary>
public sealed record RoleEntry(string Key, string Name, RoleKind Kind, IReadOnlyList<string> Permissions);

/// <summary>A grant as the engine sees it: member × role × target (null scope = organization).</summary>
public readonly record struct GrantEntry(Guid MemberId, string RoleKey, Guid? ScopeId);
