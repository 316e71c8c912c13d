using Gatehouse.Client;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Sdk;

/// <summary>Gatehouse.Client against a real server listening on loopback, as a product's backend uses it.</summary>
public sealed class GatehouseClientTests(ServerPool servers)
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task The_operator_creates_an_organization_invites_lists_and_checks_through_the_client(string store)
    {
        var app = await servers.GetListeningAsync(store);
        using var http = new HttpClient();
        var client = new GatehouseClient(http, app.BaseUrl, app.OperatorKey);

        var organization = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Client Workshop", SeatLimit = 5 }, Cancellation);
        Assert.Equal(("Client Workshop", 5), (organization.Name, organization.SeatLimit));
        var aarhus = await client.CreateScopeAsync(organization.Id, new CreateScopeRequest { Name = "Aarhus" }, Cancellation);

        var ada = Email("ada");
        var sent = await client.SendInvitationsAsync(organization.Id, new CreateInvitationsRequest
        {
            Invitees = [new InviteeRequest { Email = ada, FirstName = "Ada", LastName = "Lovelace" }],
            Grants = [new GrantRequest { RoleKey = "viewer", ScopeId = aarhus.Id }],
        }, Cancellation);
        Assert.Equal(InvitationStatus.Pending, Assert.Single(sent).Status);
        var pending = await client.ListInvitationsAsync(organization.Id, ListInvitationsStatus.Pending, cancellationToken: Cancellation);
        Assert.Equal(ada, Assert.Single(pending.Items).Email);

        var bo = await app.SeedMemberAsync(organization.Id, Email("bo"), [new GrantSpec("viewer", aarhus.Id)]);
        var members = await client.ListMembersAsync(organization.Id, status: ListMembersStatus.Active, sort: ListMembersSort.EmailDescending, cancellationToken: Cancellation);
        var listed = Assert.Single(members.Items);
        Assert.Equal((bo.MemberId, MemberStatus.Active), (listed.MemberId, listed.Status));

        var inAarhus = await client.CheckAccessAsync(organization.Id, new CheckRequest { UserId = bo.UserId, Permission = "projects.view", ScopeId = aarhus.Id }, Cancellation);
        var everywhere = await client.CheckAccessAsync(organization.Id, new CheckRequest { UserId = bo.UserId, Permission = "projects.view" }, Cancellation);
        Assert.True(inAarhus.Allowed);
        Assert.False(everywhere.Allowed);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_refusal_surfaces_as_GatehouseApiException_with_its_status_code_detail_and_field_errors(string store)
    {
        var app = await servers.GetListeningAsync(store);
        using var http = new HttpClient();
        var client = new GatehouseClient(http, app.BaseUrl, app.OperatorKey);
        var organization = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Refusals" }, Cancellation);
        var boEmail = Email("bo");
        var bo = await app.SeedMemberAsync(organization.Id, boEmail);

        var unknown = await Assert.ThrowsAnyAsync<GatehouseApiException>(() =>
            client.CheckAccessAsync(organization.Id, new CheckRequest { UserId = bo.UserId, Permission = "projects.fly" }, Cancellation));
        Assert.Equal((400, "unknown_permission"), (unknown.Status, unknown.Code));
        Assert.False(string.IsNullOrWhiteSpace(unknown.Detail));
        Assert.NotEmpty(unknown.Errors["permission"]);
        Assert.Contains("unknown_permission", unknown.Message, StringComparison.Ordinal);

        var batch = await Assert.ThrowsAnyAsync<GatehouseApiException>(() => client.CheckAccessBatchAsync(organization.Id, new BatchCheckRequest
        {
            UserId = bo.UserId,
            Checks = [new BatchItem { Permission = "projects.view" }, new BatchItem { Permission = "nope" }],
        }, Cancellation));
        Assert.Equal("unknown_permission", batch.Code);
        Assert.True(batch.Errors.ContainsKey("checks[1].permission"));

        var already = await Assert.ThrowsAnyAsync<GatehouseApiException>(() => client.SendInvitationsAsync(organization.Id,
            new CreateInvitationsRequest { Emails = [Email("cy"), boEmail], Grants = [new GrantRequest { RoleKey = "viewer" }] }, Cancellation));
        Assert.Equal((409, "already_member"), (already.Status, already.Code));
        Assert.True(already.Errors.ContainsKey("emails[1]"));

        var asMember = new GatehouseClient(http, app.BaseUrl, bo.ApiKey);
        var notOperator = await Assert.ThrowsAnyAsync<GatehouseApiException>(() =>
            asMember.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Mine" }, Cancellation));
        Assert.Equal((403, "platform_operator_required"), (notOperator.Status, notOperator.Code));

        var badKey = new GatehouseClient(http, app.BaseUrl, "ghk_not-a-key");
        var unauthorized = await Assert.ThrowsAnyAsync<GatehouseApiException>(() => badKey.GetMeAsync(Cancellation));
        Assert.Equal((401, "invalid_api_key"), (unauthorized.Status, unauthorized.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_product_looks_up_places_and_people_page_by_page_through_the_client(string store)
    {
        var app = await servers.GetListeningAsync(store);
        using var http = new HttpClient();
        var client = new GatehouseClient(http, app.BaseUrl, app.OperatorKey);
        var organization = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Lookups" }, Cancellation);
        var aarhus = await client.CreateScopeAsync(organization.Id, new CreateScopeRequest { Name = "Aarhus" }, Cancellation);
        var harbour = await client.CreateScopeAsync(organization.Id, new CreateScopeRequest { Name = "Harbour", ParentId = aarhus.Id }, Cancellation);
        var ada = await app.SeedMemberAsync(organization.Id, Email("ada"), [new GrantSpec("manager", aarhus.Id)], firstName: "Ada", lastName: "Lovelace");
        var bo = await app.SeedMemberAsync(organization.Id, Email("bo"), [new GrantSpec("viewer", harbour.Id)]);

        var places = new List<PlaceDto>();
        string? cursor = null;
        do
        {
            var page = await client.LookUpPlacesAsync(organization.Id, ada.UserId, "documents.delete", cursor, limit: 1, Cancellation);
            Assert.False(page.OrganizationWide);
            places.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(new[] { aarhus.Id, harbour.Id }.Order(), places.Select(p => p.Id));
        Assert.Equal(aarhus.Id, places.Single(p => p.Name == "Harbour").ParentId);

        var people = await client.LookUpPeopleAsync(organization.Id, "documents.view", harbour.Id, cancellationToken: Cancellation);
        Assert.Equal(new[] { ada.MemberId, bo.MemberId }.Order(), people.Items.Select(p => p.MemberId));
        Assert.Equal(("Ada", "Lovelace", ada.UserId), people.Items.Where(p => p.MemberId == ada.MemberId).Select(p => (p.FirstName, p.LastName, p.UserId)).Single());
        Assert.Null(people.NextCursor);
        var unknown = await Assert.ThrowsAnyAsync<GatehouseApiException>(() =>
            client.LookUpPeopleAsync(organization.Id, "documents.fly", cancellationToken: Cancellation));
        Assert.Equal((400, "unknown_permission"), (unknown.Status, unknown.Code));
    }
}
