using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Support.Properties;

/// <summary>One member as the fingerprint sees them.</summary>
internal sealed record MemberPrint(bool IsActive, bool IsOwner, bool HasFullAccess, bool IsExternal, IReadOnlySet<GrantSpec> Grants)
{
    public bool BypassesChecks => IsOwner || HasFullAccess;

    /// <summary>Same status, full access and grants: what provisioning manages (ownership it does not).</summary>
    public bool SameAccessAs(MemberPrint? other) =>
        other is not null && (IsActive, HasFullAccess) == (other.IsActive, other.HasFullAccess) && Grants.SetEquals(other.Grants);

    public bool SameAs(MemberPrint? other) => SameAccessAs(other) && IsOwner == other!.IsOwner;
}

/// <summary>
/// Every answer an organization gives: each member's effective and held permissions at each target, their
/// grants and flags, and its stored state as text.
/// </summary>
internal sealed record AccessFingerprint(
    IReadOnlyDictionary<(Guid Member, Guid? Target), PermissionSet> Effective,
    IReadOnlyDictionary<(Guid Member, Guid? Target), PermissionSet> Held,
    IReadOnlyDictionary<Guid, MemberPrint> Members,
    string State)
{
    public static AccessFingerprint Of(OrganizationFixture org)
    {
        var compiled = org.Compiled;
        var targets = RandomWorld.TargetsOf(org);
        var effective = new Dictionary<(Guid, Guid?), PermissionSet>();
        var held = new Dictionary<(Guid, Guid?), PermissionSet>();
        foreach (var member in compiled.Members)
        {
            foreach (var target in targets)
            {
                effective[(member.Entry.MemberId, target)] = compiled.EffectivePermissions(member.Entry.MemberId, target, TimeProvider.System);
                held[(member.Entry.MemberId, target)] = compiled.HeldPermissions(member, target);
            }
        }
        var members = compiled.Members.ToDictionary(
            m => m.Entry.MemberId,
            m => new MemberPrint(m.IsActive, m.Entry.IsOwner, m.Entry.HasFullAccess, m.Entry.ManagedBy == ManagedBy.External, m.Grants.Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToHashSet()));
        return new AccessFingerprint(effective, held, members, StateOf(org, compiled));
    }

    /// <summary>What an actor holds at a target, judged from outside the policy: nothing unless an active member.</summary>
    public static PermissionSet ActorHeld(OrganizationFixture org, Actor actor, Guid? target)
    {
        var compiled = org.Compiled;
        if (actor.Kind == ActorKind.PlatformOperator)
        {
            return org.Model.Catalog.Everything;
        }
        return compiled.FindMemberByUser(actor.UserId) is { IsActive: true } member ? compiled.HeldPermissions(member, target) : PermissionSet.Empty;
    }

    public bool SameAnswersAs(AccessFingerprint other) =>
        State == other.State
        && Effective.Count == other.Effective.Count
        && Effective.All(e => other.Effective.TryGetValue(e.Key, out var set) && set.Equals(e.Value));

    private static string StateOf(OrganizationFixture org, CompiledOrganization compiled)
    {
        var members = compiled.Members.OrderBy(m => m.Entry.MemberId)
            .Select(m => $"{m.Entry} [{string.Join(",", m.Grants.OrderBy(g => g.RoleKey, StringComparer.Ordinal).ThenBy(g => g.ScopeId))}]");
        var roles = compiled.Roles.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}:{r.Name}:{string.Join(",", r.Permissions.Indexes())}");
        var invitations = org.Invitations.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Status}:{i.TokenHash}:{string.Join(",", i.Grants)}");
        return string.Join("\n", [.. members, .. roles, .. invitations]);
    }
}
