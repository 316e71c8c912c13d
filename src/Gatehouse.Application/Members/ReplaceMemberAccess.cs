using Gatehouse.Application.Email;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;

namespace Gatehouse.Application.Members;

/// <summary>A member's whole access, replacing what they hold; <paramref name="Version"/> is the one last read.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="Version">The member's access version from when the actor read it (required).</param>
/// <param name="Grants">Every grant the member should hold (required; empty for none).</param>
/// <param name="FullAccess">Full access on or off; null keeps it as it is.</param>
/// <param name="InlineRole">A one-off role for this member, named in a grant by <see cref="GrantRequest.InlineRoleKey"/>.</param>
public sealed record ReplaceMemberAccessCommand(Guid OrganizationId, Guid MemberId, int? Version, IReadOnlyList<GrantRequest>? Grants, bool? FullAccess,
    InlineRoleRequest? InlineRole);

/// <summary>
/// Replaces a member's grants and full access as one change. A member the actor may not see is member_not_found, then
/// a stale version is version_conflict, then the policy judges: a save made on an old reading is told to reload,
/// whatever changed meanwhile and wherever, and the conflict names no one hidden.
/// </summary>
public sealed class ReplaceMemberAccessHandler(OrganizationWork work, OrganizationReads reads, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why the access was not replaced.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, ReplaceMemberAccessCommand command, CancellationToken cancellationToken = default)
    {
        if (command.Version is not { } version)
        {
            return Failure.Invalid("version", WorkCodes.ValidationFailed, "'version' is required: send the member's version from when you read their access.");
        }
        if (command.Grants is not { } grants)
        {
            return Failure.Invalid("grants", WorkCodes.ValidationFailed, "'grants' is required: list every grant the member should hold (an empty list for none).");
        }
        if (GrantRequests.Validate(grants, command.InlineRole) is { } invalid)
        {
            return invalid;
        }
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, write => ReplaceAsync(write, command, version, grants), cancellationToken);
        // The member as the write left them: under the organization's lock, what a fresh read would return.
        return await MemberWrites.Answer(changed, changed.Succeeded ? changed.Value : null, reads, actor, command.OrganizationId, cancellationToken);
    }

    private async Task<Result<KnownMember>> ReplaceAsync(WriteContext write, ReplaceMemberAccessCommand command, int version, IReadOnlyList<GrantRequest> grants)
    {
        var (organizationId, memberId) = (command.OrganizationId, command.MemberId);
        Role? newInline = null;
        InlineRole? inline = null;
        if (command.InlineRole is { } proposed)
        {
            newInline = new Role(Guid.CreateVersion7(write.Now), organizationId, RoleKind.Inline, proposed.Name.Trim(), proposed.Permissions, memberId);
            inline = new InlineRole(newInline.Key, newInline.Name, newInline.Permissions);
        }
        var wanted = grants.Select(g => new GrantSpec(g.RoleKey == GrantRequest.InlineRoleKey ? newInline!.Key : g.RoleKey, g.ScopeId)).Distinct().ToList();
        var fullAccess = command.FullAccess ?? write.Compiled.FindMember(memberId)?.Entry.HasFullAccess ?? false;
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        // The member, their user and their grants in one round trip: this runs under the organization's lock.
        if (await MemberWrites.LoadWholeAsync(write, memberId) is not { } loaded)
        {
            return VisibleMember.NotFound(memberId);
        }
        var (member, current) = (loaded.Member, loaded.Grants);
        if (member.Version != version)
        {
            return MemberWrites.StaleVersion(member);
        }
        var decision = ReplaceAccess.Evaluate(write.Compiled, write.Policy, new ReplaceAccessRequest(memberId, wanted, fullAccess, inline));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var before = MemberWrites.AccessSnapshot(member, current);
        var wantedSet = wanted.ToHashSet();
        var currentSet = current.Select(g => g.Spec).ToHashSet();
        var removed = current.Where(g => !wantedSet.Contains(g.Spec)).ToList();
        var added = wanted.Where(g => !currentSet.Contains(g)).ToList();
        if (removed.Count == 0 && added.Count == 0 && member.HasFullAccess == fullAccess)
        {
            return loaded;
        }
        write.Db.Grants.RemoveRange(removed);
        var addedGrants = added.Select(spec => new Grant(Guid.CreateVersion7(write.Now), organizationId, memberId, spec.RoleKey, spec.ScopeId)).ToList();
        write.Db.Grants.AddRange(addedGrants);
        if (newInline is not null)
        {
            write.Db.Roles.Add(newInline);
        }
        await MemberWrites.DropUnusedInlineRolesAsync(write, memberId, wantedSet.Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
        if (member.HasFullAccess != fullAccess)
        {
            member.SetFullAccess(fullAccess);
        }
        else
        {
            member.TouchAccess();
        }
        var after = current.Except(removed).Select(g => g.Spec).Concat(added).ToList();
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberAccessChanged, "member", memberId, before, MemberWrites.AccessSnapshot(member, after));
        await MemberNotices.QueueAccessChangedAsync(write, composer, member, after,
            newInline is null ? null : new Dictionary<string, string> { [newInline.Key] = newInline.Name });
        var known = loaded with { Grants = [.. current.Except(removed), .. addedGrants] };
        write.Knows(known);
        return known;
    }
}
