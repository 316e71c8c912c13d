using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Security;

/// <summary>Someone who issues requests: a member with an API key, named for the access they start with.</summary>
internal sealed record SecurityActor(string Name, SeededMember Member, bool Partial);

/// <summary>
/// One organization for a sequence of random requests (default preset): projects P1 (with P1a), P2 (with P2a)
/// and P3; two custom roles, "Keeper" (only <c>organization.manage</c> and <c>members.view</c>) and "Lead"
/// (view, invite and assign); actors who manage different parts of it, among them the attacker of the review
/// (admin of P3, Keeper at P1); and members who are only acted on.
/// </summary>
internal sealed class SecurityWorld
{
    private SecurityWorld(GatehouseApp app, AccessModel model, Guid organizationId)
    {
        App = app;
        Model = model;
        OrganizationId = organizationId;
    }

    public GatehouseApp App { get; }

    public AccessModel Model { get; }

    public Guid OrganizationId { get; }

    public List<SecurityActor> Actors { get; } = [];

    /// <summary>Role keys a request may name: the system roles and the two custom roles.</summary>
    public List<string> RoleKeys { get; } = [];

    /// <summary>Custom role keys (their permissions may be edited).</summary>
    public List<string> CustomRoleKeys { get; } = [];

    /// <summary>Newcomers who joined through an invitation during the sequence.</summary>
    public int Serial { get; set; }

    public string Path(string rest) => $"/api/v1/organizations/{OrganizationId}{rest}";

    public static async Task<SecurityWorld> BuildAsync(GatehouseApp app)
    {
        var model = app.Services.GetRequiredService<AccessModel>();
        var organization = await app.CreateOrganizationAsync("Security " + Guid.NewGuid().ToString("N")[..6], seatLimit: 200);
        var world = new SecurityWorld(app, model, organization);
        var p1 = await app.CreateScopeAsync(organization, "P1");
        var p1a = await app.CreateScopeAsync(organization, "P1a", p1);
        var p2 = await app.CreateScopeAsync(organization, "P2");
        var p2a = await app.CreateScopeAsync(organization, "P2a", p2);
        var p3 = await app.CreateScopeAsync(organization, "P3");
        var keeper = await world.CreateRoleAsync("Keeper", ["organization.manage", "members.view"]);
        var lead = await world.CreateRoleAsync("Lead", ["members.view", "members.invite", "members.assign", "projects.view"]);
        world.RoleKeys.AddRange(model.Roles.Select(r => r.Key));
        world.RoleKeys.AddRange([keeper, lead]);
        world.CustomRoleKeys.AddRange([keeper, lead]);

        await world.ActorAsync("owner", [], owner: true);
        await world.ActorAsync("organization manager", [new("manager", null)]);
        await world.ActorAsync("P1 admin", [new("admin", p1)], partial: true);
        await world.ActorAsync("P3 admin and P1 keeper", [new("admin", p3), new(keeper, p1)], partial: true);
        await world.ActorAsync("P2 manager", [new("manager", p2)], partial: true);
        await world.ActorAsync("P1a lead", [new(lead, p1a)], partial: true);
        await world.ActorAsync("P2a admin", [new("admin", p2a)], partial: true);
        await world.ActorAsync("P2 viewer", [new("viewer", p2)]);
        await world.ActorAsync("member of P1 and P3", [new("member", p1), new("member", p3)]);
        await world.ActorAsync("organization viewer", [new("viewer", null)]);
        return world;
    }

    private async Task ActorAsync(string name, GrantSpec[] grants, bool owner = false, bool partial = false)
    {
        var member = await App.SeedMemberAsync(OrganizationId, MembersApi.Email("sec"), grants, owner: owner, firstName: name.Split(' ')[0], lastName: "Actor");
        Actors.Add(new SecurityActor(name, member, partial));
    }

    private async Task<string> CreateRoleAsync(string name, string[] permissions)
    {
        var response = await App.Operator.PostAsJsonAsync(Path("/roles"), new { name, permissions });
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("key").GetString()!;
    }
}
