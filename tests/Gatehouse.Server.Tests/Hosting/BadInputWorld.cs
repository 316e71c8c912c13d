using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>An organization with a scope, a member, a custom role, a pending invitation and an API key, whose ids fill the cases' routes.</summary>
public sealed partial class BadInputWorld
{
    private BadInputWorld(GatehouseApp app, IReadOnlyDictionary<string, string> ids)
    {
        App = app;
        Ids = ids;
        Anonymous = app.CreateClient();
    }

    /// <summary>The server.</summary>
    public GatehouseApp App { get; }

    /// <summary>A client without an API key.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The values of the placeholders.</summary>
    public IReadOnlyDictionary<string, string> Ids { get; }

    /// <summary>Sets up the world through the API.</summary>
    public static async Task<BadInputWorld> CreateAsync(string store)
    {
        var app = await GatehouseApp.StartAsync(store);
        var organization = await app.CreateOrganizationAsync("Bad Input Ltd");
        var scope = await app.CreateScopeAsync(organization, "Garage");
        var member = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("member"), [new GrantSpec("viewer", scope)]);
        var role = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Auditor", permissions = new[] { "audit.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var email = InvitationSupport.NewEmail();
        var invitation = await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", scope)]);
        var token = await app.TokenSentToAsync(email);
        var key = await (await member.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Second key" })).ExpectAsync(HttpStatusCode.Created);
        return new BadInputWorld(app, new Dictionary<string, string>
        {
            ["organizationId"] = organization.ToString(),
            ["scopeId"] = scope.ToString(),
            ["memberId"] = member.MemberId.ToString(),
            ["userId"] = member.UserId.ToString(),
            ["role"] = role.GetProperty("id").GetString()!,
            ["invitationId"] = invitation[0].GetProperty("id").GetString()!,
            ["token"] = token,
            ["keyId"] = key.GetProperty("id").GetString()!,
        });
    }

    /// <summary>Fills the placeholders of a route, query or body; overrides win over the world's own values.</summary>
    public string Fill(string text, IReadOnlyDictionary<string, string>? overrides, bool escape) =>
        Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            var value = overrides?.GetValueOrDefault(name) ?? Ids.GetValueOrDefault(name);
            return value is null ? m.Value : escape ? Uri.EscapeDataString(value) : value;
        });

    /// <summary>The number of rows in every table.</summary>
    public Task<string> CountRowsAsync() => App.InDatabaseAsync(async db =>
    {
        var counts = new[]
        {
            ("organizations", await db.Organizations.CountAsync()),
            ("scopes", await db.Scopes.CountAsync()),
            ("users", await db.Users.CountAsync()),
            ("members", await db.Members.CountAsync()),
            ("roles", await db.Roles.CountAsync()),
            ("grants", await db.Grants.CountAsync()),
            ("invitations", await db.Invitations.CountAsync()),
            ("audit_events", await db.AuditEvents.CountAsync()),
            ("outbox_messages", await db.Outbox.CountAsync()),
            ("api_keys", await db.ApiKeys.CountAsync()),
            ("platform_operators", await db.PlatformOperators.CountAsync()),
        };
        return string.Join(", ", counts.Select(c => $"{c.Item1}={c.Item2}"));
    });

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
