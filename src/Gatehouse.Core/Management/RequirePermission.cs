using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>
/// The plain rule for operations that need one management permission at one target and nothing else
/// (viewing members, managing scopes, reading the audit log): an active member holding the permission
/// there (directly or inherited), or a platform operator.
/// </summary>
public static class RequirePermission
{
    /// <summary>May the actor use <paramref name="permission"/> at <paramref name="target"/> (null = the organization)?</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, string permission, Guid? target)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        return acting is null
            ? refusal
            : TargetRules.RequireTarget(organization, target).Then(() => TargetRules.RequirePermission(acting, permission, target));
    }

    /// <summary>True when the actor is an active member of the organization or a platform operator.</summary>
    public static bool IsActiveMemberOrOperator(CompiledOrganization organization, Actor actor) =>
        ActingMember.Resolve(organization, actor).Acting is not null;
}
