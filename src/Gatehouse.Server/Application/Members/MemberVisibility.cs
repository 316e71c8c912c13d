using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Server.Application;

/// <summary>
/// Who the caller may see in the member list: everyone (members.view on the organization) or the members holding
/// grants on the scopes where the caller holds members.view, plus the caller themself.
/// </summary>
public sealed record MemberVisibility(bool Everyone, IReadOnlyList<Guid?> Scopes, Guid? Self)
{
    /// <summary>Works out the caller's visibility with the policy; null when the caller may see no one (the refusal is returned then).</summary>
    public static (MemberVisibility? Visibility, Decision Refusal) For(OpenedOrganization opened)
    {
        var whole = opened.Require(ManagementPermissions.View);
        if (whole.IsAllowed)
        {
            return (new MemberVisibility(true, [], null), Decision.Allowed);
        }
        if (whole.Code is ManagementCodes.NotAMember or ManagementCodes.ActorDeactivated)
        {
            return (null, whole);
        }
        var scopes = opened.Organization.Scopes
            .Where(s => opened.Require(ManagementPermissions.View, s.Id).IsAllowed)
            .Select(s => (Guid?)s.Id)
            .ToList();
        if (scopes.Count == 0)
        {
            return (null, whole);
        }
        var self = opened.Actor.Kind == ActorKind.Member ? opened.Organization.FindMemberByUser(opened.Caller.UserId)?.Entry.MemberId : null;
        return (new MemberVisibility(false, scopes, self), Decision.Allowed);
    }

    /// <summary>True when the caller may see this member (by its grants in the compiled organization).</summary>
    public bool CanSee(CompiledMember member) =>
        Everyone || member.Entry.MemberId == Self || member.Grants.Any(g => g.ScopeId is not null && Scopes.Contains(g.ScopeId));
}
