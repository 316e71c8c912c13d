using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>The policy's refusals of an invitation name the request field they are about, so forms can show them there.</summary>
public sealed class InvitationFieldErrorTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Refusals_NameTheEmail_TheGrants_FullAccess_OrTheWholeList(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Fields", seatLimit: 3);
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var tunnel = await app.CreateScopeAsync(org, "Tunnel");
        var member = InvitationSupport.NewEmail("member");
        await app.SeedMemberAsync(org, member, [new GrantSpec("viewer", bridge)]);
        var admin = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("admin"), [new GrantSpec("workspace_admin", null)]);
        var projectAdmin = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("pa"), [new GrantSpec("project_admin", bridge)]);

        var already = await (await admin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail(), member], [new GrantSpec("viewer", bridge)]))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "already_member");
        Assert.True(already.GetProperty("errors").TryGetProperty("emails[1]", out _));
        var notThere = await (await projectAdmin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", tunnel)]))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.True(notThere.GetProperty("errors").TryGetProperty("grants", out _));
        var fullAccess = await (await admin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", bridge)], fullAccess: true))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "full_access_requires_full_access");
        Assert.True(fullAccess.GetProperty("errors").TryGetProperty("fullAccess", out _));
        var noSeats = await (await admin.Client.PostInvitationAsync(org, [InvitationSupport.NewEmail(), InvitationSupport.NewEmail()], [new GrantSpec("viewer", bridge)]))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        Assert.True(noSeats.GetProperty("errors").TryGetProperty("emails", out _));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
    }
}
