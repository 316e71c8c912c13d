using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Server.Api;

namespace Gatehouse.Server.Application;

/// <summary>
/// Every endpoint that names a member or a user asks here first (DESIGN.md: a refusal never reveals names the caller
/// may not see): the caller themself or a member they may see passes; anyone else answers exactly like the member
/// detail does for an id that does not exist (404 <c>member_not_found</c>, same sentence, no name), and a caller who
/// may see no one gets the 403 that says which permission they lack. The rule itself is <see cref="MemberVisibility"/>.
/// </summary>
public static class VisibleMember
{
    /// <summary>Null when the actor may see the member; otherwise the answer to give.</summary>
    public static IResult? Refusal(CompiledOrganization organization, Actor actor, Guid memberId) =>
        Answer(MemberVisibility.RequireVisible(organization, actor, memberId), memberId);

    /// <summary>Null when the actor may see the user's membership; otherwise the answer to give (a non-member answers like a hidden member).</summary>
    public static IResult? RefusalForUser(CompiledOrganization organization, Actor actor, Guid userId) =>
        Answer(MemberVisibility.RequireVisibleUser(organization, actor, userId), userId);

    private static IResult? Answer(Decision decision, Guid id) =>
        decision.IsAllowed ? null
        : decision.Refusal == Core.Management.Refusal.NotFound ? MemberEndpoints.MemberNotFound(id)
        : Problems.From(decision);
}
