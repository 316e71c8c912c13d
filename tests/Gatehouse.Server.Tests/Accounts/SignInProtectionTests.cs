using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Users;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>What the sign-in form tells strangers (nothing), what it writes to the audit log, and lockout.</summary>
public sealed class SignInProtectionTests(ServerPool servers)
{
    private const string Password = "a quiet harbour at dawn";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnknownEmail_AndWrongPassword_GetTheSamePage(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var known = $"known{Guid.NewGuid():N}@example.com";
        var unknown = $"nobody{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, known, [new GrantSpec("member", null)]);
        await app.SetPasswordAsync(member.UserId, Password);

        var forUnknown = await app.PageClient().SignInAsync(unknown, "some wrong password");
        var forKnown = await app.PageClient().SignInAsync(known, "some wrong password");

        Assert.Equal(HttpStatusCode.OK, forUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forKnown.StatusCode);
        Assert.Null(forUnknown.SessionCookie());
        Assert.Null(forKnown.SessionCookie());
        var unknownPage = PageForms.WithoutTokens(await forUnknown.Content.ReadAsStringAsync()).Replace(unknown, "EMAIL", StringComparison.Ordinal);
        var knownPage = PageForms.WithoutTokens(await forKnown.Content.ReadAsStringAsync()).Replace(known, "EMAIL", StringComparison.Ordinal);
        Assert.Contains(PasswordSignIn.Failed, knownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("some wrong password", knownPage, StringComparison.Ordinal);
        Assert.Equal(unknownPage, knownPage);

        var memberEvent = await app.InDatabaseAsync(db => db.AuditEvents.SingleAsync(e => e.OrganizationId == organization && e.Action == AuditActions.SignInFailed));
        Assert.Equal(member.UserId, memberEvent.ActorUserId);
        Assert.Equal(("user", member.UserId.ToString()), (memberEvent.TargetType, memberEvent.TargetId));
        Assert.Contains("wrong_password", memberEvent.After, StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Normalize(unknown))));
        var strangerEvent = await app.InDatabaseAsync(db => db.AuditEvents.SingleAsync(e => e.OrganizationId == null && e.After!.Contains(hash)));
        Assert.Equal(AuditActions.SignInFailed, strangerEvent.Action);
        Assert.Null(strangerEvent.ActorUserId);
        Assert.False(await app.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.After!.Contains(unknown) || e.ActorName.Contains(unknown) || e.TargetId.Contains(unknown))),
            "The typed email of an unknown account is not stored in clear.");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignIn_IsAuditedInEachOrganization_AndRecordsTheLogin(string store)
    {
        var app = await servers.GetAsync(store);
        var first = await app.CreateOrganizationAsync("First");
        var second = await app.CreateOrganizationAsync("Second");
        var email = $"twice{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(first, email, [new GrantSpec("member", null)]);
        await app.SeedMemberAsync(second, email, [new GrantSpec("member", null)]);
        await app.SetPasswordAsync(member.UserId, Password);

        var answer = await app.PageClient().SignInAsync(email.ToUpperInvariant(), Password);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotNull(answer.SessionCookie());
        var events = await app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.ActorUserId == member.UserId && e.Action == AuditActions.SignInSucceeded).ToListAsync());
        Assert.Equal([first, second], events.Select(e => e.OrganizationId!.Value).Order());
        Assert.NotNull((await app.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == member.UserId))).LastLoginAt);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RepeatedFailures_PauseSignIn_OnlyTheRightPasswordLearnsIt_AndTheLockoutEnds(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string>
        {
            ["Gatehouse:Accounts:MaxFailedSignIns"] = "3",
            ["Gatehouse:Accounts:LockoutMinutes"] = "10",
        });
        var organization = await app.CreateOrganizationAsync();
        var email = $"locked{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, email, [new GrantSpec("member", null)]);
        await app.SetPasswordAsync(member.UserId, Password);
        var client = app.PageClient();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Contains(PasswordSignIn.Failed, await (await client.SignInAsync(email, "not the password")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var wrongWhileLocked = await client.SignInAsync(email, "still not the password");
        var rightWhileLocked = await client.SignInAsync(email, Password);

        Assert.Contains(PasswordSignIn.Failed, await wrongWhileLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var paused = await rightWhileLocked.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in for this account is paused after too many failed attempts, until", paused, StringComparison.Ordinal);
        Assert.Null(rightWhileLocked.SessionCookie());
        var actions = await app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.OrganizationId == organization && e.ActorUserId == member.UserId)
            .Select(e => e.Action).ToListAsync());
        Assert.Equal(5, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Equal(1, actions.Count(a => a == AuditActions.SignInLockedOut));
        Assert.Equal(6, actions.Count);

        await app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
            user.LockUntil(DateTimeOffset.UtcNow.AddMinutes(-1));
            return await db.SaveChangesAsync();
        });
        var afterLockout = await client.SignInAsync(email, Password);

        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
        Assert.NotNull(afterLockout.SessionCookie());
        Assert.Equal(0, (await app.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == member.UserId))).AccessFailedCount);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ASuccessfulSignIn_ResetsTheFailureCount(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = $"reset{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, email, [new GrantSpec("member", null)]);
        await app.SetPasswordAsync(member.UserId, Password);

        await app.PageClient().SignInAsync(email, "not the password");
        await app.PageClient().SignInAsync(email, "not the password either");
        Assert.Equal(2, (await app.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == member.UserId))).AccessFailedCount);
        await app.PageClient().SignInAsync(email, Password);

        Assert.Equal(0, (await app.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == member.UserId))).AccessFailedCount);
    }
}
