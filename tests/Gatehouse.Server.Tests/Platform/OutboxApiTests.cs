using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Platform;

public sealed class OutboxApiTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_ReadsTheInvitationEmail_WithItsAcceptLink(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Outbox");
        var email = MembersApi.Email("invitee");
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();

        var messages = await (await app.Operator.GetAsync($"/api/v1/platform/outbox?to={Uri.EscapeDataString(email.ToUpperInvariant())}")).ExpectAsync(HttpStatusCode.OK);

        var message = Assert.Single(messages.EnumerateArray());
        Assert.Equal("invitation", message.GetProperty("kind").GetString());
        Assert.Equal(organization, message.GetProperty("organizationId").GetGuid());
        Assert.Contains("/invitations/accept?token=ghi_", message.GetProperty("textBody").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Members_CannotReadTheOutbox(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Outbox");
        var admin = await app.SeedMemberAsync(organization, MembersApi.Email("admin"), [new GrantSpec("admin", null)], fullAccess: true);

        await (await admin.Client.GetAsync("/api/v1/platform/outbox")).ExpectProblemAsync(HttpStatusCode.Forbidden, "platform_operator_required");
    }
}
