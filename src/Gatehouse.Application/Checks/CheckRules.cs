using Gatehouse.Application.Access;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Checks;

/// <summary>
/// What every check use case asks first. The check is the product's hot path: these steps read the in-memory
/// engine only, allocate nothing on success beyond the policy's view of the actor, and complete synchronously
/// when the organization is compiled.
/// </summary>
internal static class CheckRules
{
    /// <summary>The organization as the engine holds it, or why the actor may not see it (a service account of another organization, an outsider).</summary>
    public static async ValueTask<(CompiledOrganization? Organization, Failure? Refused)> OpenAsync(AccessCache cache, Actor actor, Guid organizationId, CancellationToken cancellationToken)
    {
        if (actor.PolicyIn(organizationId) is not { } policy
            || await cache.GetAsync(organizationId, cancellationToken) is not { } organization)
        {
            return (null, OrganizationWork.OrganizationNotFound(organizationId));
        }
        if (OrganizationReads.RefusalFor(organization, policy, organizationId) is { } refused)
        {
            return (null, refused);
        }
        return (organization, null);
    }

    /// <summary>
    /// Opens the organization and reads a question about one user and one permission: the organization and the
    /// permission's bit, or the first refusal, in the order every such question refuses (organization, user, permission).
    /// </summary>
    public static async ValueTask<(CompiledOrganization? Organization, int Bit, Failure? Refused)> OpenQuestionAsync(AccessCache cache, Actor actor,
        Guid organizationId, Guid userId, string? permission, CancellationToken cancellationToken)
    {
        var (organization, refused) = await OpenAsync(cache, actor, organizationId, cancellationToken);
        if (organization is null)
        {
            return (null, 0, refused);
        }
        if (userId == Guid.Empty)
        {
            return (null, 0, MissingUser());
        }
        return Resolve(organization.Model, permission) is { } bit ? (organization, bit, null) : (null, 0, UnknownPermission(permission, "permission"));
    }

    /// <summary>
    /// Who may ask about a user: the user themself, a service account of the organization (an active member; a
    /// product's back end checks anyone), a platform operator, or a member who may see that user's membership
    /// (<see cref="VisibleMember"/>: otherwise not found as for a member that does not exist, so a check reveals no one) and
    /// holds 'members.view' at the organization or at the scope asked about.
    /// </summary>
    public static Failure? MayAsk(CompiledOrganization organization, Actor actor, Guid userId, Guid? scopeId)
    {
        if (AsksAboutAnyone(organization, actor, userId))
        {
            return null;
        }
        var policy = PolicyActor.Member(actor.UserId ?? Guid.Empty);
        if (VisibleMember.RefusalForUser(organization, policy, userId) is { } unseen)
        {
            return unseen;
        }
        var decision = RequirePermission.Evaluate(organization, policy, ManagementPermissions.View, null);
        if (decision.IsAllowed)
        {
            return null;
        }
        if (scopeId is { } scope && organization.HasScope(scope)
            && RequirePermission.Evaluate(organization, policy, ManagementPermissions.View, scope).IsAllowed)
        {
            return null;
        }
        return Failure.From(decision);
    }

    /// <summary>
    /// Who may ask where a user may do something (a lookup of places): as for a check, except that a member needs no
    /// 'members.view' at a particular target: whoever may see the user's membership (<see cref="VisibleMember"/>, which
    /// takes 'members.view' somewhere the user has access) may, since the member list already shows them every grant
    /// of that member. Anyone else: member_not_found, as for a member that does not exist.
    /// </summary>
    public static Failure? MayAskWhere(CompiledOrganization organization, Actor actor, Guid userId) =>
        AsksAboutAnyone(organization, actor, userId) ? null
        : VisibleMember.RefusalForUser(organization, PolicyActor.Member(actor.UserId ?? Guid.Empty), userId);

    /// <summary>The user themself, a platform operator, or a service account of the organization (a product's back end asks about anyone).</summary>
    private static bool AsksAboutAnyone(CompiledOrganization organization, Actor actor, Guid userId) =>
        actor.IsPlatformOperator || actor.UserId == userId
        || (actor.ServiceOrganizationId == organization.OrganizationId
            && RequirePermission.IsActiveMemberOrOperator(organization, PolicyActor.Member(actor.UserId ?? Guid.Empty)));

    /// <summary>The permission's bit in the catalog, or null when it is not a permission of this deployment.</summary>
    public static int? Resolve(AccessModel model, string? permission) =>
        permission is not null && model.Catalog.TryGetIndex(permission, out var bit) ? bit : null;

    public static Failure UnknownPermission(string? permission, string field) =>
        string.IsNullOrEmpty(permission)
            ? Failure.Invalid(field, CheckCodes.ValidationFailed, "Name the permission to check, e.g. 'members.view'.")
            : Failure.Invalid(field, CheckCodes.UnknownPermission,
                $"'{Truncate(permission)}' is not a permission of this deployment. Use a codename from the permission catalog.");

    public static Failure MissingUser() =>
        Failure.Invalid("userId", CheckCodes.ValidationFailed, "'userId' is required: the id of the user whose access is checked (not the empty GUID).");

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
