using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>
/// Whom a viewer may see among an organization's members: everyone (<c>members.view</c> on the organization), or
/// everyone with access at a scope where the viewer holds <c>members.view</c> (directly or inherited): a grant on that
/// scope or on one of its ancestors, a grant on the organization, full access or ownership ("see who has access to
/// your workshop", organisational users included); and always themself. Anything about a member the viewer may not
/// see answers as if there were no such member.
/// </summary>
/// <param name="Everyone">The viewer sees every member.</param>
/// <param name="Scopes">Otherwise, the scopes where the viewer holds <c>members.view</c>.</param>
/// <param name="Self">The viewer's own membership, seen in any case.</param>
public sealed record MemberVisibility(bool Everyone, IReadOnlyList<Guid?> Scopes, Guid? Self)
{
    /// <summary>The scopes whose grants reach a scope of <see cref="Scopes"/>: those scopes and their ancestors.</summary>
    public IReadOnlyList<Guid?> Reaching { get; init; } = [];

    /// <summary>The viewer's visibility; null when they may see no one but themself (the refusal says which permission is missing).</summary>
    public static (MemberVisibility? Visibility, Decision Refusal) For(CompiledOrganization organization, Actor actor)
    {
        var whole = RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, null);
        if (whole.IsAllowed)
        {
            return (new MemberVisibility(true, [], null), Decision.Allowed);
        }
        if (whole.Code is ManagementCodes.NotAMember or ManagementCodes.ActorDeactivated)
        {
            return (null, whole);
        }
        var scopes = organization.Scopes
            .Where(s => RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, s.Id).IsAllowed)
            .Select(s => (Guid?)s.Id)
            .ToList();
        if (scopes.Count == 0)
        {
            return (null, whole);
        }
        var self = actor.Kind == ActorKind.Member ? organization.FindMemberByUser(actor.UserId)?.Entry.MemberId : null;
        var reaching = scopes.SelectMany(s => organization.SelfAndAncestors(s!.Value)).Select(s => (Guid?)s.Id).Distinct().ToList();
        return (new MemberVisibility(false, scopes, self) { Reaching = reaching }, Decision.Allowed);
    }

    /// <summary>True when the viewer may see this member (by its grants in the compiled organization).</summary>
    public bool CanSee(CompiledMember member) =>
        Everyone || member.MemberId == Self || member.BypassesChecks
        || member.Grants.Any(g => g.ScopeId is null || Reaching.Contains(g.ScopeId));

    /// <summary>
    /// The one gate in front of anything about one member (its detail, access, checks, changes): allowed for the viewer
    /// themself and for a member they may see; a viewer who may see no one gets the visibility's refusal (about their
    /// own rights, 403); anyone else gets <c>member_not_found</c> (404), the answer for an id that does not exist.
    /// </summary>
    public static Decision RequireVisible(CompiledOrganization organization, Actor actor, Guid memberId) =>
        RequireVisible(organization, actor, organization.FindMember(memberId));

    /// <summary><see cref="RequireVisible(CompiledOrganization, Actor, Guid)"/> for the membership of a user (checks name users, not members).</summary>
    public static Decision RequireVisibleUser(CompiledOrganization organization, Actor actor, Guid userId) =>
        RequireVisible(organization, actor, organization.FindMemberByUser(userId));

    private static Decision RequireVisible(CompiledOrganization organization, Actor actor, CompiledMember? member)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        if (member is not null && acting.Is(member))
        {
            return Decision.Allowed;
        }
        var (visibility, none) = For(organization, actor);
        return visibility is null ? none
            : member is not null && visibility.CanSee(member) ? Decision.Allowed
            : Refusals.MemberNotFound(organization);
    }
}
