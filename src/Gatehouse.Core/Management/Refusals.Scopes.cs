using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using C = Gatehouse.Core.Management.ManagementCodes;

namespace Gatehouse.Core.Management;

/// <summary>
/// The sentences of the refusals to delete a scope: what the change would do to one person the actor may
/// see, then why the actor could not make that change directly; or, about someone the actor may not see, nothing
/// but whom to ask.
/// </summary>
internal static partial class Refusals
{
    public static Decision ScopeDeletionChange(CompiledOrganization org, Guid scopeId, ScopeHolder holder, ActingMember acting, Guid place, Decision why) =>
        Forbidden(C.ScopeDeleteChangesAccess,
            $"Deleting {org.DescribeTarget(scopeId)} would take away {Whose(holder, acting, "role")} {Wording.Place(org, place)}, which you could not do yourself. {why.Error!.Message}");

    public static Decision ScopeDeletionHiddenChange(CompiledOrganization org, Guid scopeId, Guid place) =>
        Forbidden(C.ScopeDeleteChangesAccess,
            $"Deleting {org.DescribeTarget(scopeId)} would take away the access of someone you cannot see {Wording.Place(org, place)}, which you could not do yourself; {Wording.WhoToAsk(org, ManagementPermissions.Assign, place)}.");

    private static string Whose(ScopeHolder holder, ActingMember acting, string what) =>
        holder.IsActor(acting) ? $"your own {what}" : $"{holder.Member!.Entry.Name}'s {what}";
}
