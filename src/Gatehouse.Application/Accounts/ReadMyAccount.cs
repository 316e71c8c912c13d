using Gatehouse.Application.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Accounts;

/// <summary>The caller's account; <c>emailVerified</c> (and when) says whether they confirmed their email address.</summary>
public sealed record MeDto(Guid Id, string Email, string FirstName, string LastName, string? Phone, UserKind Kind, bool IsPlatformOperator,
    DateTimeOffset? LastLoginAt, IReadOnlyList<MembershipDto> Memberships, bool EmailVerified, DateTimeOffset? EmailVerifiedAt);

/// <summary>One membership with the caller's capabilities there.</summary>
public sealed record MembershipDto(Guid OrganizationId, string OrganizationName, Guid MemberId, MemberStatus Status, bool IsOwner, bool FullAccess,
    CapabilitiesDto Capabilities);

/// <summary>What the caller may do in an organization as a whole (null targets mean organization-wide).</summary>
public sealed record CapabilitiesDto(bool Invite, IReadOnlyList<Guid?> InviteTargets, IReadOnlyList<Guid?> AssignTargets, bool GiveFullAccess,
    bool ManageRoles, bool ViewAudit, bool ViewMembers)
{
    /// <summary>The answer shape of organization capabilities.</summary>
    public static CapabilitiesDto Of(OrganizationCapabilities c, bool viewMembers) =>
        new(c.Invite, c.InviteTargets, c.AssignTargets, c.GiveFullAccess, c.ManageRoles, c.ViewAudit, viewMembers);
}

/// <summary>The caller: who they are, their memberships and what they may do in each organization (the policy answers from memory).</summary>
public sealed class ReadMyAccountHandler(GatehouseDb db, AccessCache cache)
{
    /// <summary>The caller has no account (the operator command).</summary>
    public const string NoAccount = "user_not_found";

    /// <summary>The acting person's account; the operator command has none.</summary>
    public async Task<Result<MeDto>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } userId
            || await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return Failure.NotFound(NoAccount, "The caller has no account of its own here.");
        }
        var only = actor.OnlyOrganizationId;
        var memberships = await (
            from m in db.Members.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
            where m.UserId == userId
            // An access token acts in its organization only: the caller's other memberships are not its business.
            where only == null || m.OrganizationId == only
            orderby o.Name
            select new { m.OrganizationId, o.Name, m.Id, m.Status, m.IsOwner, m.HasFullAccess }).ToListAsync(cancellationToken);
        var answers = new List<MembershipDto>(memberships.Count);
        foreach (var m in memberships)
        {
            var compiled = await cache.GetAsync(m.OrganizationId, cancellationToken);
            var present = compiled is not null && actor.PolicyIn(m.OrganizationId) is not null;
            var capabilities = present ? OrganizationCapabilities.Evaluate(compiled!, PolicyActor.Member(userId)) : OrganizationCapabilities.None;
            var viewMembers = present && RequirePermission.Evaluate(compiled!, PolicyActor.Member(userId), Core.Model.ManagementPermissions.View, null).IsAllowed;
            answers.Add(new MembershipDto(m.OrganizationId, m.Name, m.Id, m.Status, m.IsOwner, m.HasFullAccess, CapabilitiesDto.Of(capabilities, viewMembers)));
        }
        return new MeDto(user.Id, user.Email, user.FirstName, user.LastName, user.Phone, user.Kind, actor.IsPlatformOperator, user.LastLoginAt, answers,
            user.EmailVerifiedAt is not null, user.EmailVerifiedAt);
    }
}
