using Gatehouse.Core.Access;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Lookups;

/// <summary>The names and emails of the people of a lookup page: one query by the page's membership ids.</summary>
internal static class PeopleDirectory
{
    /// <summary>The people among <paramref name="members"/>, in their order; service accounts are left out.</summary>
    public static async Task<IReadOnlyList<PersonDto>> ReadAsync(GatehouseDb db, Guid organizationId, IReadOnlyList<CompiledMember> members,
        CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return [];
        }
        var ids = members.Select(m => m.MemberId).ToList();
        // The membership's copy of the user's kind (as the member list filters it) and the user by its primary key.
        var rows = await (
            from m in db.Members.AsNoTracking()
            where m.OrganizationId == organizationId && ids.Contains(m.Id)
                && EF.Property<UserKind>(m, GatehouseDb.MemberDirectory.UserKind) == UserKind.Person
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            select new PersonDto(u.Id, m.Id, u.FirstName, u.LastName, u.Email))
            .ToDictionaryAsync(p => p.MemberId, cancellationToken);
        var people = new List<PersonDto>(rows.Count);
        foreach (var member in members)
        {
            if (rows.TryGetValue(member.MemberId, out var person))
            {
                people.Add(person);
            }
        }
        return people;
    }
}
