using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Server.Api;
using Rule = Gatehouse.Application.Members.VisibleMember;

namespace Gatehouse.Server.Application;

/// <summary>The member-visibility rule of <see cref="Rule"/> as problem answers, for the endpoints not moved into Gatehouse.Application yet.</summary>
public static class VisibleMember
{
    /// <summary>Null when the actor may see the member; otherwise the answer to give.</summary>
    public static IResult? Refusal(CompiledOrganization organization, Actor actor, Guid memberId) => Rule.Refusal(organization, actor, memberId)?.ToProblem();

    /// <summary>Null when the actor may see the user's membership; otherwise the answer to give.</summary>
    public static IResult? RefusalForUser(CompiledOrganization organization, Actor actor, Guid userId) => Rule.RefusalForUser(organization, actor, userId)?.ToProblem();
}
