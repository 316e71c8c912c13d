using Gatehouse.Application;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>Seed 003's "Edit — change details": an administrator changes another person's name and phone, on both stores.</summary>
public sealed class MemberDetailsHandlerTests
{
    private static Task<Result<MemberDto?>> Change(UseCaseHost host, Actor actor, Guid memberId, string? first, string? last, string? phone) =>
        host.RunAsync<ChangeMemberDetailsHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(actor, host.Origin, new ChangeMemberDetailsCommand(host.OrganizationId, memberId, first, last, phone)));

    /// <summary>A second organization Max belongs to as well, so the change shows there too.</summary>
    private static async Task<Guid> AlsoInAnotherOrganizationAsync(UseCaseHost host, Guid memberId)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var userId = await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync();
        var other = new Organization(Guid.CreateVersion7(now), "Beta", "standard", null, now);
        db.Organizations.Add(other);
        db.Members.Add(new Member(Guid.CreateVersion7(now), other.Id, userId, now));
        await db.SaveChangesAsync();
        return other.Id;
    }

    private static async Task<(string Name, string? Phone, string Versions, int Events)> StoredAsync(UseCaseHost host, Guid memberId, params Guid[] organizations)
    {
        await using var db = host.Db();
        var userId = await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var versions = await db.Organizations.Where(o => organizations.Contains(o.Id)).OrderBy(o => o.Id).Select(o => o.AccessVersion).ToArrayAsync();
        return ($"{user.FirstName} {user.LastName}", user.Phone, string.Join(",", versions), await db.AuditEvents.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ByAManagerOfTheirProject_ChangesNameAndPhone_SeenInEveryOrganization_WithOneEventEach_NamingTheManager(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        var beta = await AlsoInAnotherOrganizationAsync(host, seed.MaxMemberId);
        var before = await StoredAsync(host, seed.MaxMemberId, host.OrganizationId, beta);

        var result = await Change(host, seed.Nina, seed.MaxMemberId, "  Maximilian ", "Muster", "+49 30 1234567");

        Assert.Equal(("Maximilian", "Muster", "+49 30 1234567"), (result.Value!.FirstName, result.Value.LastName, result.Value.Phone));
        var after = await StoredAsync(host, seed.MaxMemberId, host.OrganizationId, beta);
        Assert.Equal(("Maximilian Muster", "+49 30 1234567"), (after.Name, after.Phone));
        Assert.Equal(string.Join(",", before.Versions.Split(',').Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture) + 1)), after.Versions);
        await using var db = host.Db();
        var events = await db.AuditEvents.Where(e => e.Action == AuditActions.ProfileChanged).ToListAsync();
        Assert.Equal(new[] { beta, host.OrganizationId }.Order(), events.Select(e => e.OrganizationId!.Value).Order());
        Assert.All(events, e => Assert.Equal((seed.Nina.UserId, "192.0.2.10"), (e.ActorUserId, e.IpAddress)));
        Assert.Contains("Maximilian", events[0].After, StringComparison.Ordinal);
        Assert.Contains("\"firstName\":\"Max\"", events[0].Before, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ByAViewer_ForAHiddenMember_ByAStranger_OrWithABadPhone_IsRefused_ChangingNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        var before = await StoredAsync(host, seed.MaxMemberId, host.OrganizationId);

        var byViewer = await Change(host, host.Viewer, seed.MaxMemberId, "Max", "Other", null);
        var hidden = await Change(host, seed.Nina, seed.SueMemberId, "Sue", "Other", null);
        var byStranger = await Change(host, host.Stranger, seed.MaxMemberId, "Max", "Other", null);
        var badPhone = await Change(host, host.Owner, seed.MaxMemberId, "Max", "Other", "call me");
        var noName = await Change(host, host.Owner, seed.MaxMemberId, " ", "Other", null);

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byViewer.Failure?.Kind, byViewer.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, MemberCodes.NotFound), (hidden.Failure?.Kind, hidden.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (byStranger.Failure?.Kind, byStranger.Failure?.Code));
        Assert.Equal((FailureKind.Invalid, "phone"), (badPhone.Failure?.Kind, badPhone.Failure?.Field));
        Assert.Equal("Enter a phone number of 3 to 40 digits, spaces and ( ) - . / with an optional leading +, or leave it empty.", badPhone.Failure!.Sentence);
        Assert.Equal((FailureKind.Invalid, "firstName"), (noName.Failure?.Kind, noName.Failure?.Field));
        Assert.Equal(before, await StoredAsync(host, seed.MaxMemberId, host.OrganizationId));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForSomeoneManagedByProvisioning_IsRefused_ChangingNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        Guid synced;
        await using (var db = host.Db())
        {
            var now = TimeProvider.System.GetUtcNow();
            var user = new Gatehouse.Core.Users.User(Guid.CreateVersion7(now), "scim@acme.test", "Sam", "Synced", now);
            db.Users.Add(user);
            var member = new Member(Guid.CreateVersion7(now), host.OrganizationId, user.Id, now, managedBy: ManagedBy.External);
            db.Members.Add(member);
            (await db.Organizations.SingleAsync(o => o.Id == host.OrganizationId)).BumpAccessVersion();
            await db.SaveChangesAsync();
            synced = member.Id;
        }
        var before = await StoredAsync(host, synced, host.OrganizationId);

        var result = await Change(host, host.Owner, synced, "Samuel", "Synced", null);

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.ManagedExternally), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal(before, await StoredAsync(host, synced, host.OrganizationId));
    }
}
