using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

// What the member handlers share: the answer after a change, loading, audit snapshots, the row shape.
public static partial class MemberEndpoints
{
    /// <summary>After a change went through, the member as it is now (read fresh); refusals pass unchanged.</summary>
    internal static async Task<IResult> AnswerAsync(IResult result, Guid organizationId, Guid memberId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            return result;
        }
        if (await read.OpenAsync(context, organizationId) is not { } opened
            || await MemberDirectory.RowAsync(db, opened, memberId, context.RequestAborted) is not { } row)
        {
            return TypedResults.NoContent();
        }
        return TypedResults.Ok(ToDto(opened, row));
    }

    private static IResult? ValidateScopeGrant(Guid? scopeId, string? roleKey) =>
        scopeId is null ? Problems.Invalid("scopeId", ProblemCodes.ValidationFailed, "'scopeId' is required.")
        : string.IsNullOrWhiteSpace(roleKey) || roleKey.Length > Validation.MaxNameLength ? Problems.Invalid("roleKey", ProblemCodes.ValidationFailed, "'roleKey' is required.")
        : null;

    internal static Task<Member?> LoadAsync(WriteContext write, Guid memberId) =>
        write.Db.Members.SingleOrDefaultAsync(m => m.OrganizationId == write.Organization.Id && m.Id == memberId);

    /// <summary>Deletes the member's inline roles that none of the kept grants names (an inline role lives only as long as its grant).</summary>
    private static async Task DropUnusedInlineRolesAsync(WriteContext write, Guid memberId, HashSet<string> keptKeys)
    {
        var inline = await write.Db.Roles
            .Where(r => r.OrganizationId == write.Organization.Id && r.Kind == RoleKind.Inline && r.InlineForMemberId == memberId)
            .ToListAsync();
        write.Db.Roles.RemoveRange(inline.Where(r => !keptKeys.Contains(r.Key)));
    }

    private static object AccessSnapshot(Member member, IEnumerable<Grant> grants) => AccessSnapshot(member, grants.Select(g => g.Spec));

    private static object AccessSnapshot(Member member, IEnumerable<GrantSpec> grants) => new
    {
        fullAccess = member.HasFullAccess,
        isOwner = member.IsOwner,
        status = member.Status,
        grants = grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId }).ToList(),
    };

    /// <summary>The member-visibility gate every handler naming a member passes first; null when the caller may see them.</summary>
    private static IResult? Unseen(WriteContext write, Guid memberId) => VisibleMember.Refusal(write.Compiled, write.Actor, memberId);

    private static IResult StaleVersion(Member member) =>
        Problems.Conflict(ProblemCodes.VersionConflict,
            $"This member's access changed since you read it (now version {member.Version}). Reload the member and apply your change again.");

    /// <summary>The answer for an unknown member (or one the caller may not see).</summary>
    public static IResult MemberNotFound(Guid memberId) => Gatehouse.Application.Members.VisibleMember.NotFound(memberId).ToProblem();

    private static MemberDto ToDto(OpenedOrganization opened, MemberRow row)
    {
        var organization = opened.Organization;
        var member = row.Member;
        var user = row.User;
        var grants = row.Grants
            .Select(g => new MemberGrantDto(
                g.RoleKey,
                organization.FindRole(g.RoleKey)?.Name ?? g.RoleKey,
                g.ScopeId,
                g.ScopeId is { } s ? organization.FindScope(s)?.Name : null))
            .ToList();
        var c = row.Capabilities;
        return new MemberDto(member.Id, user.Id, user.FirstName, user.LastName, user.Email, user.Phone, member.Status, member.IsOwner, member.HasFullAccess,
            member.IsOwner || member.HasFullAccess || row.Grants.Any(g => g.ScopeId is null), member.ManagedBy, grants, user.LastLoginAt, member.Version,
            new MemberCapabilitiesDto(c.EditAccess, c.EditableTargets, c.RemovableFromScopes, c.ChangeFullAccess, c.Deactivate, c.Reactivate, c.Remove, c.ChangeOwnership));
    }
}
