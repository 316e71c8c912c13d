using Gatehouse.Application.Checks;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Lookups;

/// <summary>Who may do this here? ("who may approve in Aarhus")</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Permission">A permission codename of the catalog, e.g. <c>repairs.approve</c>.</param>
/// <param name="ScopeId">The scope, or null for the organization itself.</param>
/// <param name="Cursor">The next page's cursor, or null for the first page.</param>
/// <param name="Limit">The page size (1 to 200), or null for 50.</param>
public sealed record LookUpPeopleQuery(Guid OrganizationId, string? Permission, Guid? ScopeId = null, string? Cursor = null, int? Limit = null);

/// <summary>A person who may do it.</summary>
/// <param name="UserId">The person's user account (what checks name).</param>
/// <param name="MemberId">Their membership (what the member endpoints name).</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address, as the member list shows it to the caller.</param>
public sealed record PersonDto(Guid UserId, Guid MemberId, string FirstName, string LastName, string Email);

/// <summary>One page of the people who may do it.</summary>
/// <param name="Items">The people, ascending by membership id.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last page.</param>
public sealed record PeoplePageDto(IReadOnlyList<PersonDto> Items, string? NextCursor);

/// <summary>
/// The people who may do something at a scope (or on the organization): active, unlocked members the access rule
/// allows there (full access, ownership, a grant on the organization, on the scope or on a scope above it), found by the
/// in-memory engine, and of them only those the caller may see in the member list (<see cref="MemberVisibility"/>:
/// without 'members.view' anywhere the caller is refused as the member list refuses). Service accounts are not people
/// and are left out, as the member list leaves them out. An unknown scope has no one, as a check there is a plain no.
/// Names and emails come from the engine too (<see cref="MemberContact"/>, kept in step with every change to a user on every
/// node as access is): a page reads no database, as the places lookup reads none.
/// </summary>
public sealed class LookUpPeopleHandler(OrganizationReads reads, TimeProvider time)
{
    /// <summary>One page of people, or why the question may not be asked.</summary>
    public async Task<Result<PeoplePageDto>> HandleAsync(Actor actor, LookUpPeopleQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var organization = open.Value.Organization;
        if (CheckRules.Resolve(organization.Model, query.Permission) is not { } bit)
        {
            return CheckRules.UnknownPermission(query.Permission, "permission");
        }
        if (Cursor.CheckLimit(query.Limit) is { } badLimit)
        {
            return badLimit;
        }
        if (!LookupCursor.TryDecode(query.Cursor, out var after))
        {
            return Cursor.Invalid();
        }
        var (visibility, refusal) = MemberVisibility.For(organization, open.Value.Policy);
        if (visibility is null)
        {
            return Failure.From(refusal);
        }
        var limit = query.Limit ?? Cursor.DefaultPageSize;
        var people = new List<PersonDto>(limit);
        // Whom the caller may not see is skipped, and service accounts, so a page may take more than one pass; the cursor
        // is the last membership gone through, seen or not.
        var more = true;
        while (more && people.Count < limit)
        {
            var wanted = limit - people.Count;
            var page = organization.MembersAllowed(new PermissionId(bit), query.ScopeId, time, after, visibility.Everyone ? wanted : Cursor.MaxPageSize);
            var taken = 0;
            foreach (var member in page.Members)
            {
                if (taken == wanted)
                {
                    break;
                }
                after = member.MemberId;
                if (visibility.CanSee(member))
                {
                    taken++;
                    if (PersonOf(member) is { } person)
                    {
                        people.Add(person);
                    }
                }
            }
            more = page.NextAfter is not null || (page.Members.Count > 0 && page.Members[^1].MemberId != after);
        }
        return new PeoplePageDto(people, more ? LookupCursor.Encode(after) : null);
    }

    // Every loader of the engine gives the contact; an entry without one is a bug, not a person to leave out quietly.
    private static PersonDto? PersonOf(CompiledMember member) =>
        (member.Contact ?? throw new InvalidOperationException($"Member {member.MemberId} was compiled without its contact details.")) is { IsPerson: true } c
            ? new PersonDto(member.UserId, member.MemberId, c.FirstName, c.LastName, c.Email)
            : null;
}
