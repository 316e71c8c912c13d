using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 003: "The verification status is tracked in the system" — on members, on /me, as a list filter, and resent by admins.</summary>
public sealed class Seed003EmailVerificationTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Administrator_SeesWhoVerified_FiltersByIt_AndResendsTheEmail_UntilVerified(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);
        var tedEmail = MembersApi.Email("ted");
        var ted = await app.SeedMemberAsync(org, tedEmail, firstName: "Ted", lastName: "Technician");
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == admin.UserId)).VerifyEmail(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var me = await (await admin.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(JsonValueKind.String, me.GetProperty("emailVerifiedAt").ValueKind);
        var unverified = await (await admin.Client.GetAsync(MembersApi.Path(org, "?emailVerified=false"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ted.MemberId], unverified.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("memberId").GetGuid()));
        Assert.False(unverified.GetProperty("items")[0].GetProperty("emailVerified").GetBoolean());
        var verified = await (await admin.Client.GetAsync(MembersApi.Path(org, "?emailVerified=true"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([admin.MemberId], verified.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("memberId").GetGuid()));

        var sent = await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{ted.MemberId}/verification-email"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(tedEmail, sent.GetProperty("email").GetString());
        await (await ted.Client.PostAsync(MembersApi.Path(org, $"/{admin.MemberId}/verification-email"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{admin.MemberId}/verification-email"), null)).ExpectProblemAsync(HttpStatusCode.Conflict, "email_already_verified");
    }
}
