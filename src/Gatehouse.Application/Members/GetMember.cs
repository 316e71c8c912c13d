using Gatehouse.Application.Work;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Which member to read.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
public sealed record GetMemberQuery(Guid OrganizationId, Guid MemberId);

/// <summary>One member as the actor may see them, with what the actor may do with them; a member the actor may not see is member_not_found.</summary>
public sealed class GetMemberHandler(OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The member, or why not.</summary>
    public async Task<Result<MemberDto>> HandleAsync(Actor actor, GetMemberQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var opened = open.Value;
        if (VisibleMember.Refusal(opened.Organization, opened.Policy, query.MemberId) is { } unseen)
        {
            return unseen;
        }
        if (await MemberDirectory.RowAsync(db, opened, query.MemberId, cancellationToken) is not { } row)
        {
            return VisibleMember.NotFound(query.MemberId);
        }
        return MemberViews.ToDto(opened, row);
    }
}
