using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Members;

/// <summary>A member's life cycle: removal from the organization.</summary>
public sealed class MemberLifecycleTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemoveMember_DeletesMembershipAndGrants_KeepsAccount(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"];

        await (await s.People["anna"].Client.DeleteAsync(MembersApi.Path(s.Org, $"/{ben.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain(ben.MemberId, (await app.Operator.AllRowsAsync(s.Org)).Ids());
        Assert.True(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == ben.UserId)));
        Assert.False(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.OrganizationId == s.Org && g.MemberId == ben.MemberId)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == s.Org && a.Action == AuditActions.MemberRemoved)));
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
    }
}
