using System.Text.Json;
using Gatehouse.Server.Api;
using Gatehouse.Application.Grants;

namespace Gatehouse.Server.Tests.Hosting;

// Cases of one endpoint each: well-formed requests whose values must still be refused.
public static partial class BadInputCases
{
    private static IEnumerable<Case> SpecificCases()
    {
        Case Post(string route, string what, object body, int status = 0, string? code = null, Who caller = Who.Operator, string method = "POST") =>
            new($"{method} {route}: {what}", method, route, JsonSerializer.Serialize(body), Status: status, Code: code, Caller: caller);

        const string orgs = "/api/v1/organizations";
        yield return Post(orgs, "script in the name", new { name = Script }, 400, "validation_failed");
        yield return Post(orgs, "huge name", new { name = Huge }, 400, "validation_failed");
        yield return Post(orgs, "control characters in the name", new { name = "Acme\u0007\u001b" }, 400, "validation_failed");
        yield return Post(orgs, "a NUL in the name", new { name = "Acme\u0000\u0007" }, 400, "invalid_text");
        yield return Post(orgs, "blank name", new { name = "   " }, 400, "validation_failed");
        yield return Post(orgs, "negative seat limit", new { name = "Acme", seatLimit = -1 }, 400, "validation_failed");
        yield return Post(orgs, "seat limit beyond int", new { name = "Acme", seatLimit = 99999999999L }, 400, "malformed_request");
        yield return Post(orgs, "huge plan", new { name = "Acme", plan = Huge }, 400, "validation_failed");
        yield return Post(orgs, "with a hostile API key", new { name = "Acme" }, 401, caller: Who.HostileKey);
        yield return Post(Org, "script in the name", new { name = Script }, 400, "validation_failed", method: "PATCH");
        yield return Post(Org, "negative seat limit", new { seatLimit = -5 }, 400, "validation_failed", method: "PATCH");
        yield return Post(Org, "huge plan", new { plan = Huge }, 400, "validation_failed", method: "PATCH");

        var scopes = Org + "/scopes";
        yield return Post(scopes, "script in the name", new { name = Script }, 400, "validation_failed");
        yield return Post(scopes, "huge name", new { name = Huge }, 400, "validation_failed");
        yield return Post(scopes, "unknown parent", new { name = "Garage", parentId = UnknownGuid });
        yield return Post(scopes, "malformed parent", new { name = "Garage", parentId = NotAGuid }, 400, "malformed_request");
        yield return Post(scopes, "SQL as the parent", new { name = "Garage", parentId = SqlOr }, 400, "malformed_request");
        var scope = scopes + "/{scopeId}";
        yield return Post(scope, "script in the name", new { name = Script }, 400, "validation_failed", method: "PATCH");
        yield return Post(scope, "unknown parent", new { parentId = UnknownGuid }, method: "PATCH");
        yield return Post(scope, "itself as the parent", new { parentId = "{scopeId}" }, method: "PATCH");
        yield return new("PATCH " + scope + ": malformed scopeId", "PATCH", scope, """{"name":"x"}""", Ids: new Dictionary<string, string> { ["scopeId"] = NotAGuid }, Status: 404);
        yield return new("PATCH " + scope + ": unknown scopeId", "PATCH", scope, """{"name":"x"}""", Ids: new Dictionary<string, string> { ["scopeId"] = UnknownGuid }, Status: 404);

        const string keys = "/api/v1/api-keys";
        yield return Post(keys, "script in the name", new { name = Script }, 400, "validation_failed");
        yield return Post(keys, "huge name", new { name = Huge }, 400, "validation_failed");
        var service = Org + "/service-accounts";
        yield return Post(service, "script in the name", new { name = Script }, 400, "validation_failed");
        yield return Post(service, "unknown role", new { name = "Backend", grants = new[] { new { roleKey = SqlDrop, scopeId = (string?)null } } });
        yield return Post(service, "null grant", new { name = "Backend", grants = new object?[] { null } }, 400);
        yield return Post(service, "grant without a role", new { name = "Backend", grants = new[] { new { roleKey = (string?)null, scopeId = (string?)null } } }, 400);
        yield return Post(service, "unknown scope", new { name = "Backend", grants = new[] { new { roleKey = "viewer", scopeId = UnknownGuid } } });
        yield return Post(service, "too many grants", new { name = "Backend", grants = Enumerable.Range(0, GrantRequests.MaxGrants + 1).Select(_ => new { roleKey = "viewer", scopeId = (string?)null }) }, 400);

        var access = Org + "/members/{memberId}/access";
        var viewer = new[] { new { roleKey = "viewer", scopeId = (string?)null } };
        yield return Post(access, "too many grants", new { version = 1, grants = Enumerable.Range(0, GrantRequests.MaxGrants + 1).Select(_ => viewer[0]) }, 400, "validation_failed", method: "PUT");
        yield return Post(access, "null grant", new { version = 1, grants = new object?[] { null } }, 400, "validation_failed", method: "PUT");
        yield return Post(access, "SQL role", new { version = 1, grants = new[] { new { roleKey = SqlOr, scopeId = (string?)null } } }, method: "PUT");
        yield return Post(access, "huge role", new { version = 1, grants = new[] { new { roleKey = Huge, scopeId = (string?)null } } }, 400, method: "PUT");
        yield return Post(access, "unknown scope", new { version = 1, grants = new[] { new { roleKey = "viewer", scopeId = UnknownGuid } } }, method: "PUT");
        yield return Post(access, "stale version", new { version = -1, grants = viewer }, method: "PUT");
        yield return Post(access, "version beyond int", new { version = 99999999999L, grants = viewer }, 400, "malformed_request", method: "PUT");
        yield return Post(access, "inline role where the model has none", new { version = 1, grants = new[] { new { roleKey = "inline", scopeId = (string?)null } }, inlineRole = new { name = "One-off", permissions = new[] { "members.view" } } }, method: "PUT");
        yield return Post(access, "script in the inline role's name", new { version = 1, grants = new[] { new { roleKey = "inline", scopeId = (string?)null } }, inlineRole = new { name = Script, permissions = new[] { "members.view" } } }, 400, method: "PUT");
        yield return new($"PUT {access}: malformed memberId", "PUT", access, """{"version":1,"grants":[]}""", Ids: new Dictionary<string, string> { ["memberId"] = NotAGuid }, Status: 404);
        yield return new($"PUT {access}: unknown memberId", "PUT", access, """{"version":1,"grants":[]}""", Ids: new Dictionary<string, string> { ["memberId"] = UnknownGuid });

        var toScope = Org + "/members/{memberId}/scopes";
        yield return Post(toScope, "SQL role", new { scopeId = "{scopeId}", roleKey = SqlDrop });
        yield return Post(toScope, "unknown scope", new { scopeId = UnknownGuid, roleKey = "viewer" });
        yield return Post(toScope, "huge role", new { scopeId = "{scopeId}", roleKey = Huge }, 400, "validation_failed");
        yield return new($"POST {toScope}: unknown memberId", "POST", toScope, """{"scopeId":"{scopeId}","roleKey":"viewer"}""", Ids: new Dictionary<string, string> { ["memberId"] = UnknownGuid });

        var byEmail = Org + "/members/add-to-scope";
        foreach (var (what, email) in Emails())
        {
            yield return Post(byEmail, what, new { email, scopeId = "{scopeId}", roleKey = "viewer" });
        }
        var owner = Org + "/members/{memberId}/owner";
        yield return new($"PUT {owner}: unknown memberId", "PUT", owner, """{"owner":true}""", Ids: new Dictionary<string, string> { ["memberId"] = UnknownGuid });

        var invite = Org + "/invitations";
        var grants = new[] { new { roleKey = "viewer", scopeId = (string?)null } };
        foreach (var (what, email) in Emails())
        {
            yield return Post(invite, what, new { emails = new[] { email }, grants }, 400);
            yield return Post(invite, what + " as an invitee", new { invitees = new[] { new { email } }, grants }, 400);
        }
        yield return Post(invite, "51 emails", new { emails = Enumerable.Range(0, 51).Select(i => $"bulk{i}@example.com"), grants }, 400, "too_many_emails");
        yield return Post(invite, "51 invitees", new { invitees = Enumerable.Range(0, 51).Select(i => new { email = $"bulk{i}@example.com" }), grants }, 400, "too_many_emails");
        yield return Post(invite, "no emails", new { emails = Array.Empty<string>(), grants }, 400);
        yield return Post(invite, "a null email", new { emails = new string?[] { null }, grants }, 400);
        yield return Post(invite, "a null invitee", new { invitees = new object?[] { null }, grants }, 400);
        yield return Post(invite, "the same email twice", new { emails = new[] { "twice@example.com", "TWICE@example.com" }, grants }, 400);
        yield return Post(invite, "emails and invitees", new { emails = new[] { "a@example.com" }, invitees = new[] { new { email = "b@example.com" } }, grants }, 400);
        yield return Post(invite, "script in an invitee's first name", new { invitees = new[] { new { email = "script1@example.com", firstName = Script } }, grants }, 400, "validation_failed");
        yield return Post(invite, "script in an invitee's last name", new { invitees = new[] { new { email = "script2@example.com", lastName = "<b>Bold</b>" } }, grants }, 400, "validation_failed");
        yield return Post(invite, "huge first name", new { invitees = new[] { new { email = "huge@example.com", firstName = Huge } }, grants }, 400, "validation_failed");
        yield return Post(invite, "SQL as the phone", new { invitees = new[] { new { email = "phone@example.com", phone = SqlDrop } }, grants }, 400, "validation_failed");
        yield return Post(invite, "too many grants", new { emails = new[] { "grants@example.com" }, grants = Enumerable.Range(0, GrantRequests.MaxGrants + 1).Select(_ => grants[0]) }, 400, "validation_failed");
        yield return Post(invite, "SQL role", new { emails = new[] { "role@example.com" }, grants = new[] { new { roleKey = SqlOr, scopeId = (string?)null } } });
        yield return Post(invite, "unknown scope", new { emails = new[] { "scope@example.com" }, grants = new[] { new { roleKey = "viewer", scopeId = UnknownGuid } } });
        yield return Post(invite, "inline role where the model has none", new { emails = new[] { "inline@example.com" }, grants = new[] { new { roleKey = "inline", scopeId = (string?)null } }, inlineRole = new { name = "One-off", permissions = new[] { "members.view" } } });

        const string lookup = "/api/v1/invitations/lookup";
        const string accept = "/api/v1/invitations/accept";
        foreach (var route in new[] { lookup, accept })
        {
            yield return Post(route, "SQL token", new { token = SqlOr }, 410, "invitation_token_invalid", Who.Anonymous);
            yield return Post(route, "huge token", new { token = Huge }, 400, "validation_failed", Who.Anonymous);
            yield return Post(route, "blank token", new { token = "  " }, 400, "validation_failed", Who.Anonymous);
        }
        yield return Post(accept, "script in the first name", new { token = "{token}", firstName = Script, lastName = "Newcomer", password = "a perfectly long password" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(accept, "script in the last name", new { token = "{token}", firstName = "Nora", lastName = "<img src=x onerror=alert(1)>", password = "a perfectly long password" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(accept, "huge last name", new { token = "{token}", firstName = "Nora", lastName = Huge, password = "a perfectly long password" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(accept, "short password", new { token = "{token}", firstName = "Nora", lastName = "Newcomer", password = "short" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(accept, "huge password", new { token = "{token}", firstName = "Nora", lastName = "Newcomer", password = Huge }, 400, "validation_failed", Who.Anonymous);

        var roles = Org + "/roles";
        yield return Post(roles, "script in the name", new { name = Script, permissions = new[] { "audit.view" } }, 400, "validation_failed");
        yield return Post(roles, "SQL permission", new { name = "Auditor", permissions = new[] { SqlDrop } });
        yield return Post(roles, "null permission", new { name = "Auditor", permissions = new string?[] { null } }, 400, "validation_failed");
        yield return Post(roles, "too many permissions", new { name = "Auditor", permissions = Enumerable.Repeat("audit.view", 501) }, 400, "validation_failed");
        var role = roles + "/{role}";
        yield return Post(role, "script in the name", new { name = Script }, 400, "validation_failed", method: "PATCH");
        yield return Post(role, "SQL permission", new { permissions = new[] { SqlOr } }, method: "PATCH");
        yield return Post(role, "stale version", new { name = "Renamed", version = -7 }, 409, method: "PATCH");
        foreach (var (what, id) in new[] { ("SQL role", SqlOr), ("huge role", Huge), ("system role", "admin"), ("unknown role id", UnknownGuid) })
        {
            yield return new($"PATCH {role}: {what}", "PATCH", role, """{"name":"Renamed"}""", Ids: new Dictionary<string, string> { ["role"] = id });
            yield return new($"DELETE {role}: {what}", "DELETE", role, Ids: new Dictionary<string, string> { ["role"] = id });
        }

        foreach (var route in new[] { Org + "/check", Org + "/explain" })
        {
            yield return Post(route, "SQL permission", new { userId = "{userId}", permission = SqlDrop }, 400, "unknown_permission");
            yield return Post(route, "huge permission", new { userId = "{userId}", permission = Huge }, 400, "unknown_permission");
            yield return Post(route, "empty userId", new { userId = Guid.Empty, permission = "members.view" }, 400, "validation_failed");
            yield return Post(route, "SQL userId", new { userId = SqlOr, permission = "members.view" }, 400, "malformed_request");
            yield return Post(route, "SQL scopeId", new { userId = "{userId}", permission = "members.view", scopeId = SqlOr }, 400, "malformed_request");
        }
        var batch = Org + "/check/batch";
        var one = new { permission = "members.view", scopeId = (string?)null };
        yield return Post(batch, "1001 checks", new { userId = "{userId}", checks = Enumerable.Repeat(one, 1001) }, 400, "validation_failed");
        yield return Post(batch, "no checks", new { userId = "{userId}", checks = Array.Empty<object>() }, 400, "validation_failed");
        yield return Post(batch, "a null check", new { userId = "{userId}", checks = new object?[] { null } }, 400);
        yield return Post(batch, "SQL permission", new { userId = "{userId}", checks = new[] { new { permission = SqlOr, scopeId = (string?)null } } }, 400, "unknown_permission");
        yield return Post(batch, "empty userId", new { userId = Guid.Empty, checks = new[] { one } }, 400, "validation_failed");

        const string setup = "/api/v1/setup";
        var ok = new { token = "not-the-token", email = "op@example.com", firstName = "Op", lastName = "Erator", password = "a long enough password" };
        yield return Post(setup, "SQL email", ok with { email = SqlOr }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "DROP TABLE email", ok with { email = SqlDrop + "@example.com" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "Cyrillic look-alike email", ok with { email = "аdmin@example.com" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "fullwidth at sign", ok with { email = "admin＠example.com" }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "huge email", ok with { email = HugeEmail }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "script in the first name", ok with { firstName = Script }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "script in the last name", ok with { lastName = Script }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "huge token", ok with { token = Huge }, 400, "validation_failed", Who.Anonymous);
        yield return Post(setup, "a wrong token after setup", ok, 403, "invalid_setup_token", Who.Anonymous);
    }

    private static IEnumerable<(string What, string Email)> Emails() =>
    [
        ("SQL email", SqlOr),
        ("DROP TABLE email", SqlDrop + "@example.com"),
        ("Cyrillic look-alike email", "аnn@example.com"),
        ("fullwidth at sign", "ann＠example.com"),
        ("zero-width space in email", "an\u200bn@example.com"),
        ("huge email", HugeEmail),
        ("script email", Script),
        ("email with a newline", "ann@example.com\r\nBcc: all@example.com"),
    ];
}
