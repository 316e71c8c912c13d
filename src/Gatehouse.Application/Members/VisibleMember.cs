using Gatehouse.Core.Access;
using Gatehouse.Core.Management;

namespace Gatehouse.Application.Members;

/// <summary>
/// Every use case that names a member or a user asks here first (DESIGN.md: a refusal never reveals names the actor
/// may not see): the actor themself or a member they may see passes; anyone else gets exactly what an id that does not
/// exist gets (member_not_found, same sentence, no name), and an actor who may see no one gets the refusal that says
/// which permission they lack. The rule itself is <see cref="MemberVisibility"/>.
/// </summary>
public static class VisibleMember
{
    /// <summary>Null when the actor may see the member; otherwise the failure to answer.</summary>
    public static Failure? Refusal(CompiledOrganization organization, PolicyActor actor, Guid memberId) =>
        Answer(MemberVisibility.RequireVisible(organization, actor, memberId), memberId);

    /// <summary>Null when the actor may see the user's membership; otherwise the failure to answer (a non-member answers like a hidden member).</summary>
    public static Failure? RefusalForUser(CompiledOrganization organization, PolicyActor actor, Guid userId) =>
        Answer(MemberVisibility.RequireVisibleUser(organization, actor, userId), userId);

    /// <summary>The failure for a member that does not exist or that the actor may not see.</summary>
    public static Failure NotFound(Guid memberId) =>
        Failure.NotFound(MemberCodes.NotFound, $"There is no member {memberId} in this organization that you can see. List the members to find their id.");

    private static Failure? Answer(Decision decision, Guid id) =>
        decision.IsAllowed ? null
        : decision.Refusal == Core.Management.Refusal.NotFound ? NotFound(id)
        : Failure.From(decision);
}
