using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Platform;

public sealed class ErasureApiTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erase_RemovesThePersonFromEveryTable_AndTheirKeysStopWorking(string store)
    {
        var app = await servers.GetAsync(store);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (email, first, last, phone) = ($"Zeph.{tag}@Example.com", $"Zephyrine{tag}", $"Quillfeather{tag}", $"+44 7700 {Random.Shared.Next(100000, 999999)}");
        var a = await app.CreateOrganizationAsync("A");
        var b = await app.CreateOrganizationAsync("B");
        var person = await app.SeedMemberAsync(a, email, [new GrantSpec("admin", null)], firstName: first, lastName: last, phone: phone);
        var inB = await app.SeedMemberAsync(b, email, [new GrantSpec("viewer", null)]);
        Assert.Equal(person.UserId, inB.UserId);
        await (await person.Client.PostAsJsonAsync($"/api/v1/organizations/{a}/scopes", new { name = "Made by the person" })).ExpectAsync(HttpStatusCode.Created);
        var personalKey = (await (await person.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Mine" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("key").GetString()!;
        await SeedTracesElsewhereAsync(app, b, inB.MemberId, person.MemberId, a, email, $"{first} {last}", phone);
        var question = new { userId = person.UserId, permission = "projects.view" };
        Assert.True((await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{a}/check", question)).ExpectAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean());
        var found = Assert.Single((await (await app.Operator.GetAsync($"/api/v1/platform/users?email={Uri.EscapeDataString(email)}")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(2, found.GetProperty("memberships").GetArrayLength());

        await (await app.Operator.DeleteAsync($"/api/v1/platform/users/{person.UserId}")).ExpectAsync(HttpStatusCode.NoContent);

        var everything = await app.InDatabaseAsync(DumpAsync);
        foreach (var secret in new[] { email, email.ToLowerInvariant(), first, last, phone })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var key in new[] { person.ApiKey, inB.ApiKey, personalKey })
        {
            await (await app.ClientWithKey(key).GetAsync("/api/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        }
        Assert.False((await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{a}/check", question)).ExpectAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean());
        Assert.Empty((await (await app.Operator.GetAsync($"/api/v1/platform/users?email={Uri.EscapeDataString(email)}")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());

        var pseudonym = Core.Users.User.PseudonymFor(person.UserId);
        var (user, actorNames) = await app.InDatabaseAsync(async db => (
            await db.Users.SingleAsync(u => u.Id == person.UserId),
            await db.AuditEvents.Where(e => e.ActorUserId == person.UserId).Select(e => e.ActorName).Distinct().ToListAsync()));
        Assert.NotNull(user.ErasedAt);
        Assert.StartsWith(pseudonym, user.Email, StringComparison.Ordinal);
        Assert.Equal([pseudonym], actorNames);
        var erased = Assert.Single((await (await app.Operator.GetAsync($"/api/v1/platform/audit-events?action=user.erased")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray(), e => e.GetProperty("targetId").GetString() == person.UserId.ToString());
        Assert.Equal("user", erased.GetProperty("targetType").GetString());
        var inOrganization = Assert.Single((await (await app.Operator.GetAsync($"/api/v1/organizations/{a}/audit-events?action=user.erased")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray());
        Assert.Equal(person.MemberId.ToString(), inOrganization.GetProperty("targetId").GetString());

        await (await app.Operator.DeleteAsync($"/api/v1/platform/users/{person.UserId}")).ExpectProblemAsync(HttpStatusCode.Conflict, "user_already_erased");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erase_IsOnlyForOperators_AndNotOfOneself(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, $"e{Guid.NewGuid():N}@example.com", fullAccess: true, owner: true);
        var target = await app.SeedMemberAsync(organization, $"e{Guid.NewGuid():N}@example.com");

        await (await admin.Client.DeleteAsync($"/api/v1/platform/users/{target.UserId}")).ExpectProblemAsync(HttpStatusCode.Forbidden, "platform_operator_required");
        await (await admin.Client.GetAsync("/api/v1/platform/users?email=x@example.com")).ExpectProblemAsync(HttpStatusCode.Forbidden, "platform_operator_required");
        Assert.True(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.UserId == target.UserId)));
        await (await target.Client.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);

        await (await app.Operator.DeleteAsync($"/api/v1/platform/users/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        var operatorId = await app.InDatabaseAsync(db => db.PlatformOperators.Select(p => p.UserId).FirstAsync());
        await (await app.Operator.DeleteAsync($"/api/v1/platform/users/{operatorId}")).ExpectProblemAsync(HttpStatusCode.Conflict, "cannot_erase_self");
        await (await app.Operator.GetAsync("/api/v1/platform/users")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>
    /// What other features leave behind about a person (an invitation to them, emails, an administrator's change to their
    /// membership): written straight to the database here because those features are tested on their own.
    /// </summary>
    private static Task<int> SeedTracesElsewhereAsync(GatehouseApp app, Guid b, Guid inviterInB, Guid memberInA, Guid a, string email, string fullName, string phone) =>
        app.InDatabaseAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var (invitation, _) = Invitation.Create(Guid.CreateVersion7(), b, email, [new GrantSpec("viewer", null)], false, inviterInB, now, TimeSpan.FromDays(7));
            db.Invitations.Add(invitation);
            db.Outbox.Add(Message(a, email.ToLowerInvariant(), $"Welcome {fullName}", $"Hello {fullName}, your phone {phone} is on file.", now));
            db.Outbox.Add(Message(a, "someone.else@example.com", $"{fullName} invited you", $"{fullName} ({email}) invited you to A.", now));
            db.AuditEvents.Add(new AuditEvent(Guid.CreateVersion7(), a, null, "System", AuditActions.MemberAccessChanged, "member", memberInA.ToString(),
                JsonSerializer.Serialize(new { name = fullName, email, phone }), JsonSerializer.Serialize(new { name = fullName, note = $"Changed for {fullName}" }), now, "203.0.113.9"));
            await db.SaveChangesAsync();
            return 0;
        });

    private static OutboxMessage Message(Guid organization, string to, string subject, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), OrganizationId = organization, Kind = "test", To = to, Subject = subject, TextBody = text, HtmlBody = $"<p>{text}</p>",
        CreatedAt = now, NextAttemptAt = now,
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every row of every table that can hold personal data, as one text.</summary>
    private static async Task<string> DumpAsync(GatehouseDb db)
    {
        var parts = new List<object>
        {
            await db.Users.AsNoTracking().ToListAsync(),
            await db.Members.AsNoTracking().Select(m => new
            {
                m.Id, m.UserId,
                Sort = EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName),
                Email = EF.Property<string>(m, GatehouseDb.MemberDirectory.Email),
            }).ToListAsync(),
            await db.AuditEvents.AsNoTracking().ToListAsync(),
            await db.Invitations.AsNoTracking().ToListAsync(),
            await db.Outbox.AsNoTracking().ToListAsync(),
            await db.ApiKeys.AsNoTracking().ToListAsync(),
        };
        // Unescaped, so a name is found whether it was stored raw or inside JSON.
        return string.Join('\n', parts.Select(p => JsonSerializer.Serialize(p, Relaxed)))
            .Replace("\\u002B", "+", StringComparison.Ordinal);
    }
}
