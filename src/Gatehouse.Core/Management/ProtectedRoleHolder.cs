using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>
/// Whether the actor may change a member at all given the protected roles the member holds (the workspace admin):
/// the one rule every change to a member ends with, asked on its own so a console can say why a person is read-only.
/// </summary>
public static class ProtectedRoleHolder
{
    /// <summary>Allowed unless the member holds a protected role and the actor is neither an owner nor a platform operator.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, Guid memberId) =>
        MemberRules.OnMember(organization, actor, memberId, MemberRules.RequireNotProtected);
}
