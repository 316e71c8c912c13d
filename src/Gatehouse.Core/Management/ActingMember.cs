using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>The actor resolved against one organization: an active member, or a platform operator.</summary>
internal sealed class ActingMember
{
    private ActingMember(CompiledOrganization organization, CompiledMember? member)
    {
        Organization = organization;
        Member = member;
    }

    public CompiledOrganization Organization { get; }

    /// <summary>The acting membership; null for a platform operator.</summary>
    public CompiledMember? Member { get; }

    public bool IsOperator => Member is null;

    /// <summary>Full access or owner; operators count as both because product support repairs organizations.</summary>
    public bool BypassesChecks => Member?.BypassesChecks ?? true;

    public bool IsOwner => Member?.Entry.IsOwner ?? true;

    public bool Is(CompiledMember member) => Member?.Entry.MemberId == member.Entry.MemberId;

    /// <summary>The actor's own permissions at a target: the yardstick of "no one grants what they do not hold".</summary>
    public PermissionSet HeldAt(Guid? target) =>
        Member is { } member ? Organization.HeldPermissions(member, target) : Organization.Model.Catalog.Everything;

    public bool Holds(string permission, Guid? target) =>
        Organization.Model.Catalog.TryGetIndex(permission, out var index) && HeldAt(target).Contains(index);

    /// <summary>
    /// The access rule's first step applies to managing too: only an active membership acts
    /// (DESIGN.md, "The access rule" 1). Lockout is enforced where the caller signs in.
    /// </summary>
    public static (ActingMember? Acting, Decision Refusal) Resolve(CompiledOrganization organization, Actor actor)
    {
        if (actor.Kind == ActorKind.PlatformOperator)
        {
            return (new ActingMember(organization, null), Decision.Allowed);
        }
        if (organization.FindMemberByUser(actor.UserId) is not { } member)
        {
            return (null, Refusals.NotAMember(organization));
        }
        return member.IsActive
            ? (new ActingMember(organization, member), Decision.Allowed)
            : (null, Refusals.ActorDeactivated(organization));
    }
}
