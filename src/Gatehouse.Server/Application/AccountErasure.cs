using System.Text.Encodings.Web;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Access;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Work;

namespace Gatehouse.Server.Application;

/// <summary>
/// Erases an account (GDPR art. 17): memberships, grants, inline roles, API keys, invitations and emails
/// to the person are deleted; the user row stays as a pseudonym so audit events keep pointing somewhere;
/// the person's email, names and phone are replaced by the pseudonym in the audit log and the outbox.
/// One transaction; every organization the person was in is locked, checked with the policy and reloaded.
/// </summary>
public sealed class AccountErasure(GatehouseDb db, AccessCache cache, ApiKeyCache keys, TimeProvider time)
{
    /// <summary>Erases the user; the answer is 204 or a problem, and nothing changes on a problem.</summary>
    public async Task<IResult> EraseAsync(Guid userId, Caller caller, string? ipAddress, CancellationToken cancellationToken)
    {
        if (!caller.IsPlatformOperator)
        {
            return Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators erase accounts. Ask product support.");
        }
        if (userId == caller.UserId)
        {
            return Problems.Conflict(PlatformProblemCodes.CannotEraseSelf, "You cannot erase your own account. Ask another platform operator.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // On PostgreSQL the row lock also holds off new memberships of this user (their foreign key needs a share lock).
        var user = db.IsPostgres
            ? await db.Users.FromSqlInterpolated($"SELECT * FROM users WHERE id = {userId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound(ProblemCodes.UserNotFound, $"There is no user {userId}. Find the user by email with GET /api/v1/platform/users?email=.");
        }
        if (user.ErasedAt is not null)
        {
            return Problems.Conflict(PlatformProblemCodes.AlreadyErased, "This account was already erased; nothing of the person is left to remove.");
        }
        var memberships = await db.Members.Where(m => m.UserId == userId).Select(m => new { m.OrganizationId, m.Id }).ToListAsync(cancellationToken);
        var organizationIds = memberships.Select(m => m.OrganizationId).Distinct().Order().ToList();
        var organizations = new List<Organization>();
        foreach (var organizationId in organizationIds)
        {
            var organization = await OrganizationLock.AcquireAsync(db, organizationId, cancellationToken)
                ?? throw new InvalidOperationException($"Organization {organizationId} of a membership vanished.");
            organizations.Add(organization);
            var compiled = await cache.CompileForWriteAsync(db, organizationId, organization.AccessVersion, cancellationToken);
            var decision = DeleteAccount.Evaluate(compiled, Actor.PlatformOperator(caller.UserId), new DeleteAccountRequest(userId, organizationIds));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
        }

        var now = time.ChangeTime();
        var personal = PersonalData.Of(user);
        var memberIds = memberships.Select(m => m.Id).ToList();
        await db.Roles.Where(r => organizationIds.Contains(r.OrganizationId) && r.InlineForMemberId != null && memberIds.Contains(r.InlineForMemberId.Value))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Grants.Where(g => organizationIds.Contains(g.OrganizationId) && memberIds.Contains(g.MemberId)).ExecuteDeleteAsync(cancellationToken);
        await db.Members.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.PlatformOperators.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.NormalizedEmail == user.NormalizedEmail || i.AcceptedByUserId == userId).ExecuteDeleteAsync(cancellationToken);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are ASCII
        await db.Outbox.Where(m => m.To.ToLower() == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        await ScrubAuditEventsAsync(userId, memberIds, personal, cancellationToken);
        await ScrubOutboxAsync(personal, cancellationToken);

        user.Erase(now);
        foreach (var organization in organizations)
        {
            organization.BumpAccessVersion();
            await AccessNotifications.NotifyAccessChangedAsync(db, organization.Id, organization.AccessVersion, cancellationToken);
            var member = memberships.First(m => m.OrganizationId == organization.Id);
            AuditLog.Record(db, organization.Id, caller, AuditActions.AccountErased, "member", member.Id, new { user = personal.Pseudonym }, null, now, ipAddress);
        }
        AuditLog.Record(db, null, caller, AuditActions.AccountErased, "user", userId, null, new { user = personal.Pseudonym, organizations = organizationIds.Count }, now, ipAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var organizationId in organizationIds)
        {
            cache.Invalidate(organizationId);
        }
        await AccessChangeListener.ForgetKeysEverywhereAsync(db, keys, null, userId, CancellationToken.None);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The person's own events lose their name and IP address; their email and phone are replaced wherever they
    /// appear; their names are replaced in events about them (names alone are too common to replace everywhere).
    /// </summary>
    private async Task ScrubAuditEventsAsync(Guid userId, List<Guid> memberIds, PersonalData personal, CancellationToken cancellationToken)
    {
        await db.AuditEvents.Where(e => e.ActorUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, personal.Pseudonym).SetProperty(e => e.IpAddress, (string?)null), cancellationToken);
        foreach (var (needle, replacement) in personal.Everywhere)
        {
            await db.AuditEvents.Where(e => e.Before!.Contains(needle) || e.After!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Before, e => e.Before!.Replace(needle, replacement))
                    .SetProperty(e => e.After, e => e.After!.Replace(needle, replacement)), cancellationToken);
        }
        var user = userId.ToString();
        var members = memberIds.Select(m => m.ToString()).ToList();
        foreach (var (needle, replacement) in personal.Names)
        {
            await db.AuditEvents
                .Where(e => e.ActorUserId == userId || (e.TargetType == "user" && e.TargetId == user) || (e.TargetType == "member" && members.Contains(e.TargetId)))
                .Where(e => e.Before!.Contains(needle) || e.After!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Before, e => e.Before!.Replace(needle, replacement))
                    .SetProperty(e => e.After, e => e.After!.Replace(needle, replacement)), cancellationToken);
        }
    }

    /// <summary>Emails to other people (an invitation the person sent) keep their text without the person's email and full name.</summary>
    private async Task ScrubOutboxAsync(PersonalData personal, CancellationToken cancellationToken)
    {
        foreach (var (needle, replacement) in personal.Everywhere.Concat(personal.FullName))
        {
            await db.Outbox.Where(m => m.Subject.Contains(needle) || m.TextBody.Contains(needle) || m.HtmlBody!.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Subject, m => m.Subject.Replace(needle, replacement))
                    .SetProperty(m => m.TextBody, m => m.TextBody.Replace(needle, replacement))
                    .SetProperty(m => m.HtmlBody, m => m.HtmlBody!.Replace(needle, replacement)), cancellationToken);
        }
    }

    /// <summary>The strings to remove and what replaces them, as typed and as they appear inside JSON.</summary>
    private sealed record PersonalData(
        string Pseudonym,
        IReadOnlyList<(string Needle, string Replacement)> Everywhere,
        IReadOnlyList<(string Needle, string Replacement)> FullName,
        IReadOnlyList<(string Needle, string Replacement)> Names)
    {
        public static PersonalData Of(User user)
        {
            var pseudonym = User.PseudonymFor(user.Id);
            var email = $"{pseudonym}@erased.invalid";
            var everywhere = Forms([user.Email, user.NormalizedEmail], email);
            if (user.Phone is { Length: >= 5 } phone)
            {
                everywhere.AddRange(Forms([phone], pseudonym));
            }
            // Longest first, so "Ann Lee" goes before "Ann".
            var fullName = Forms([$"{user.FirstName} {user.LastName}".Trim()], pseudonym);
            var names = Forms([$"{user.FirstName} {user.LastName}".Trim(), user.FirstName.Trim(), user.LastName.Trim()], pseudonym);
            return new PersonalData(pseudonym, everywhere, fullName, names);
        }

        private static List<(string, string)> Forms(IEnumerable<string> values, string replacement)
        {
            var forms = new List<string>();
            foreach (var value in values.Where(v => v.Length >= 2))
            {
                forms.Add(value);
                forms.Add(JsonEncodedText.Encode(value, JavaScriptEncoder.Default).ToString());
            }
            return [.. forms.Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length).Select(f => (f, replacement))];
        }
    }
}
