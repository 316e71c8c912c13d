using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Api;

/// <summary>The caller: who they are, their memberships and what they may do in each organization.</summary>
public static class MeEndpoints
{
    /// <summary>The caller's account.</summary>
    public sealed record MeDto(Guid Id, string Email, string FirstName, string LastName, string? Phone, UserKind Kind, bool IsPlatformOperator,
        DateTimeOffset? LastLoginAt, IReadOnlyList<MembershipDto> Memberships);

    /// <summary>One membership with the caller's capabilities there.</summary>
    public sealed record MembershipDto(Guid OrganizationId, string OrganizationName, Guid MemberId, MemberStatus Status, bool IsOwner, bool FullAccess,
        CapabilitiesDto Capabilities);

    /// <summary>What the caller may do in an organization as a whole (null targets mean organization-wide).</summary>
    public sealed record CapabilitiesDto(bool Invite, IReadOnlyList<Guid?> InviteTargets, IReadOnlyList<Guid?> AssignTargets, bool GiveFullAccess,
        bool ManageRoles, bool ViewAudit, bool ViewMembers);

    /// <summary>Maps the endpoint.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", GetAsync).WithTags("Me").WithName("getMe")
            .WithSummary("Read your account")
            .WithDescription("The caller's account, memberships and what they may do in each organization.").Produces<MeDto>();

    internal static async Task<IResult> GetAsync(HttpContext context, GatehouseDb db, AccessCache cache)
    {
        var caller = context.Caller();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == caller.UserId, context.RequestAborted);
        var memberships = await (
            from m in db.Members.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
            where m.UserId == caller.UserId
            orderby o.Name
            select new { m.OrganizationId, o.Name, m.Id, m.Status, m.IsOwner, m.HasFullAccess }).ToListAsync(context.RequestAborted);
        var answers = new List<MembershipDto>(memberships.Count);
        foreach (var m in memberships)
        {
            var compiled = await cache.GetAsync(m.OrganizationId, context.RequestAborted);
            var actor = caller.ActorIn(m.OrganizationId);
            var capabilities = compiled is null || actor is null ? OrganizationCapabilities.None : OrganizationCapabilities.Evaluate(compiled, Actor.Member(caller.UserId));
            var viewMembers = compiled is not null && actor is not null
                && RequirePermission.Evaluate(compiled, Actor.Member(caller.UserId), Core.Model.ManagementPermissions.View, null).IsAllowed;
            answers.Add(new MembershipDto(m.OrganizationId, m.Name, m.Id, m.Status, m.IsOwner, m.HasFullAccess, ToDto(capabilities, viewMembers)));
        }
        return TypedResults.Ok(new MeDto(user.Id, user.Email, user.FirstName, user.LastName, user.Phone, user.Kind, caller.IsPlatformOperator, user.LastLoginAt, answers));
    }

    /// <summary>The answer shape of organization capabilities.</summary>
    public static CapabilitiesDto ToDto(OrganizationCapabilities c, bool viewMembers) =>
        new(c.Invite, c.InviteTargets, c.AssignTargets, c.GiveFullAccess, c.ManageRoles, c.ViewAudit, viewMembers);
}
