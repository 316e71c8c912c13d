using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>Sending invitations and reading their emails in tests.</summary>
public static partial class InvitationSupport
{
    /// <summary>A fresh address no other test uses.</summary>
    public static string NewEmail(string name = "invitee") => $"{name}.{Guid.NewGuid():N}@example.com";

    /// <summary>Invites through the API and expects 201; returns the created invitations.</summary>
    public static async Task<JsonElement> InviteAsync(this HttpClient client, Guid organizationId, IEnumerable<string> emails, IEnumerable<GrantSpec> grants, bool fullAccess = false)
    {
        var response = await client.PostInvitationAsync(organizationId, emails, grants, fullAccess);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// Invites with a first and last name for each person (<c>invitees</c>), as models with <c>inviteeNameRequired</c>
    /// (workspaces) need, and expects 201.
    /// </summary>
    public static async Task<JsonElement> InviteNamedAsync(this HttpClient client, Guid organizationId, IEnumerable<string> emails, IEnumerable<GrantSpec> grants)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations", new
        {
            invitees = emails.Select(email => new { email, firstName = "Ivy", lastName = "Invitee" }),
            grants = grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId }),
        });
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Posts an invitation request.</summary>
    public static Task<HttpResponseMessage> PostInvitationAsync(this HttpClient client, Guid organizationId, IEnumerable<string> emails, IEnumerable<GrantSpec> grants, bool fullAccess = false) =>
        client.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invitations",
            new { emails, grants = grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId }), fullAccess });

    /// <summary>The token in the newest email of a kind sent to an address.</summary>
    public static async Task<string> TokenSentToAsync(this GatehouseApp app, string email, string kind = "invitation")
    {
        var body = await app.InDatabaseAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == kind)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());
        return TokenIn(body);
    }

    /// <summary>The token of the accept link in an email body.</summary>
    public static string TokenIn(string body) => Uri.UnescapeDataString(LinkToken().Match(body).Groups[1].Value);

    /// <summary>Accepts as a new user.</summary>
    public static Task<HttpResponseMessage> AcceptAsNewUserAsync(this GatehouseApp app, string token, string firstName = "Nora", string lastName = "Newcomer") =>
        app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token, firstName, lastName, password = "a perfectly long password" });

    /// <summary>The user of an email, if any.</summary>
    public static Task<User?> UserAsync(this GatehouseApp app, string email) =>
        app.InDatabaseAsync(db => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == EmailAddress.Normalize(email)));

    [GeneratedRegex(@"/invitations/accept\?token=(\S+)")]
    private static partial Regex LinkToken();
}
