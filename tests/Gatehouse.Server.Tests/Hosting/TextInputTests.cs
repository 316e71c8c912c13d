using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// A NUL character (U+0000) in any text input is invalid input, refused before anything reads or stores it, on both
/// stores alike (PostgreSQL cannot hold one in text and answered 500; SQLite stored it).
/// </summary>
public sealed class TextInputTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ANulInAQueryParameter_IsRefusedAsInvalidText_NamingIt(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Nul queries");

        foreach (var (path, field) in new[]
        {
            ($"/api/v1/organizations/{organization}/members?q=%00", "q"),
            ($"/api/v1/organizations/{organization}/members?sort=name&q=ann%00", "q"),
            ($"/api/v1/organizations/{organization}/audit-events?action=member%00", "action"),
            ($"/api/v1/organizations/{organization}/check?userId={Guid.NewGuid()}&permission=members.view%00", "permission"),
            ("/api/v1/platform/users?email=a%00%40example.com", "email"),
            ("/api/v1/organizations?cursor=%00", "cursor"),
        })
        {
            var problem = await (await app.Operator.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_text");

            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: the problem names '{field}'");
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ANulInAJsonString_IsRefusedAsInvalidText_NamingTheField_AndNothingIsStored(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Nul bodies");
        var invitations = $"/api/v1/organizations/{organization}/invitations";
        const string Grants = """ "grants":[{"roleKey":"viewer","scopeId":null}] """;

        foreach (var (path, body, field) in new[]
        {
            ("/api/v1/organizations", """{"name":"Nul organization\u0000"}""", "name"),
            ($"/api/v1/organizations/{organization}/scopes", """{"name":"\u0000"}""", "name"),
            (invitations, $$"""{"emails":["ok@example.com","a\u0000@example.com"],{{Grants}}}""", "emails[1]"),
            (invitations, $$"""{"invitees":[{"email":"b@example.com","firstName":"B\u0000b"}],{{Grants}}}""", "invitees[0].firstName"),
            (invitations, """{"emails":["c@example.com"],"grants":[{"roleKey":"inline"}],"inlineRole":{"name":"Custom","permissions":["members.view\u0000"]}}""", "inlineRole.permissions[0]"),
        })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            var problem = await (await app.Operator.PostAsync(path, content)).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_text");

            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: the problem names '{field}', not {problem.GetProperty("errors")}");
        }
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Organizations.CountAsync(o => o.Name.StartsWith("Nul organization"))));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Scopes.CountAsync(s => s.OrganizationId == organization)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ANulInAFormField_IsRefusedWithAPage_NotAServerError(string store)
    {
        var app = await servers.GetAsync(store);
        using var pages = app.PageClient();

        using var response = await pages.SignInAsync("operator\0@gatehouse.test", "a long operator password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL character", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(response.SessionCookie());
    }
}
