using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests;

/// <summary>
/// Malformed and hostile input to every endpoint of the API, on both stores: the answer is always a 4xx problem
/// (never 5xx) with a code and a sentence, and nothing is stored. Free-text filters take anything and answer 200.
/// The table must name every route of the API, so a new endpoint without bad-input cases fails <see cref="Every_api_route_has_bad_input_cases"/>.
/// </summary>
public sealed partial class BadInputTests(BadInputServers servers, ServerPool pool) : IClassFixture<BadInputServers>
{
    /// <summary>Who sends a case.</summary>
    public enum Who
    {
        Operator,
        Anonymous,
        HostileKey,
    }

    /// <summary>
    /// One case: a request to a route (written as the route pattern, with {placeholders} filled from the test world
    /// unless <see cref="Ids"/> overrides them) and the answer expected: any 4xx (Status 0) or that status, and optionally a code.
    /// </summary>
    public sealed record Case(string Name, string Method, string Route, string? Body = null, string? Query = null, string ContentType = "application/json",
        int Status = 0, string? Code = null, Who Caller = Who.Operator, IReadOnlyDictionary<string, string>? Ids = null);

    /// <summary>A route that takes a JSON body: a valid body to spoil, its required properties, and who may call it.</summary>
    private sealed record BodyRoute(string Method, string Route, string ValidBody, string[] Required, Who Caller = Who.Operator);

    private const string Script = "<script>alert(1)</script>";
    private const string SqlOr = "' OR 1=1 --";
    private const string SqlDrop = "'; DROP TABLE users; --";
    private static readonly string Huge = new('x', 100_000);
    private static readonly string HugeEmail = new string('a', 100_000) + "@example.com";
    private const string NotAGuid = "not-a-guid";
    private const string UnknownGuid = "0194f1a6-0000-7000-8000-000000000000";

    private const string Org = "/api/v1/organizations/{organizationId}";

    private static readonly BodyRoute[] BodyRoutes =
    [
        new("POST", "/api/v1/organizations", """{"name":"Acme","plan":"standard","seatLimit":5}""", ["name"]),
        new("PATCH", Org, """{"name":"Acme","plan":"standard","seatLimit":5,"removeSeatLimit":false}""", []),
        new("POST", Org + "/scopes", """{"name":"Garage","parentId":null}""", ["name"]),
        new("PATCH", Org + "/scopes/{scopeId}", """{"name":"Garage","parentId":null,"moveToRoot":false}""", []),
        new("POST", "/api/v1/api-keys", """{"name":"My key"}""", ["name"]),
        new("POST", Org + "/service-accounts", """{"name":"Backend","grants":[{"roleKey":"viewer","scopeId":null}],"fullAccess":false}""", ["name"]),
        new("PUT", Org + "/members/{memberId}/access", """{"version":1,"grants":[{"roleKey":"viewer","scopeId":null}],"fullAccess":false,"inlineRole":null}""", ["version", "grants"]),
        new("POST", Org + "/members/{memberId}/scopes", """{"scopeId":"{scopeId}","roleKey":"viewer"}""", ["scopeId", "roleKey"]),
        new("POST", Org + "/members/add-to-scope", """{"email":"nobody@example.com","scopeId":"{scopeId}","roleKey":"viewer"}""", ["email", "scopeId", "roleKey"]),
        new("PUT", Org + "/members/{memberId}/owner", """{"owner":true}""", ["owner"]),
        new("POST", Org + "/invitations", """{"emails":["x@example.com"],"invitees":null,"grants":[{"roleKey":"viewer","scopeId":null}],"fullAccess":false,"inlineRole":null}""", ["emails"]),
        new("POST", "/api/v1/invitations/lookup", """{"token":"{token}"}""", ["token"], Who.Anonymous),
        new("POST", "/api/v1/invitations/accept", """{"token":"{token}","firstName":"Nora","lastName":"Newcomer","password":"a perfectly long password"}""", ["token"], Who.Anonymous),
        new("POST", Org + "/roles", """{"name":"Auditor","permissions":["audit.view"]}""", ["name", "permissions"]),
        new("PATCH", Org + "/roles/{role}", """{"name":"Auditor","permissions":["audit.view"],"version":1}""", []),
        new("POST", Org + "/check", """{"userId":"{userId}","permission":"members.view","scopeId":null,"resourceOwnerUserId":null}""", ["userId", "permission"]),
        new("POST", Org + "/check/batch", """{"userId":"{userId}","checks":[{"permission":"members.view","scopeId":null,"resourceOwnerUserId":null}]}""", ["userId", "checks"]),
        new("POST", Org + "/explain", """{"userId":"{userId}","permission":"members.view","scopeId":null,"resourceOwnerUserId":null}""", ["userId", "permission"]),
        new("POST", "/api/v1/setup", """{"token":"not-the-token","email":"op@example.com","firstName":"Op","lastName":"Erator","password":"a long enough password"}""",
            ["token", "email", "firstName", "lastName", "password"], Who.Anonymous),
    ];

    /// <summary>Routes without a body, each with an id in the route to spoil (a malformed and an unknown GUID).</summary>
    private static readonly (string Method, string Route, string Id)[] IdRoutes =
    [
        ("GET", Org, "organizationId"),
        ("GET", Org + "/seats", "organizationId"),
        ("GET", Org + "/scopes", "organizationId"),
        ("DELETE", Org + "/scopes/{scopeId}", "scopeId"),
        ("DELETE", "/api/v1/api-keys/{keyId}", "keyId"),
        ("GET", Org + "/members", "organizationId"),
        ("GET", Org + "/members/{memberId}", "memberId"),
        ("GET", Org + "/members/{memberId}/effective-permissions", "memberId"),
        ("DELETE", Org + "/members/{memberId}/scopes/{scopeId}", "memberId"),
        ("DELETE", Org + "/members/{memberId}/scopes/{scopeId}", "scopeId"),
        ("POST", Org + "/members/{memberId}/deactivate", "memberId"),
        ("POST", Org + "/members/{memberId}/reactivate", "memberId"),
        ("DELETE", Org + "/members/{memberId}", "memberId"),
        ("GET", Org + "/invitations", "organizationId"),
        ("POST", Org + "/invitations/{invitationId}/resend", "invitationId"),
        ("POST", Org + "/invitations/{invitationId}/revoke", "invitationId"),
        ("GET", Org + "/roles", "organizationId"),
        ("DELETE", Org + "/roles/{role}", "role"),
        ("GET", Org + "/check", "organizationId"),
        ("GET", Org + "/audit-events", "organizationId"),
        ("DELETE", "/api/v1/platform/users/{userId}", "userId"),
    ];

    /// <summary>Lists with cursors and page sizes.</summary>
    private static readonly string[] PagedRoutes =
        ["/api/v1/organizations", Org + "/members", Org + "/invitations", Org + "/audit-events", "/api/v1/platform/audit-events"];

    /// <summary>Every case of the table by name.</summary>
    public static readonly IReadOnlyDictionary<string, Case> Cases = BuildCases().ToDictionary(c => c.Name);

    /// <summary>Every case on both stores.</summary>
    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var store in new[] { "sqlite", "postgres" })
        {
            foreach (var name in Cases.Keys)
            {
                data.Add(store, name);
            }
        }
        return data;
    }

    private static IEnumerable<Case> BuildCases()
    {
        foreach (var route in BodyRoutes)
        {
            foreach (var c in SpoiledBodies(route))
            {
                yield return c;
            }
        }
        foreach (var (method, route, id) in IdRoutes)
        {
            var body = method == "POST" ? string.Empty : null;
            yield return new($"{method} {route}: malformed {id} in the route", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = NotAGuid }, Status: 404);
            yield return new($"{method} {route}: SQL as {id} in the route", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = SqlDrop }, Status: 404);
            yield return new($"{method} {route}: unknown {id}", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = UnknownGuid },
                Query: route.EndsWith("/check", StringComparison.Ordinal) ? "userId={userId}&permission=members.view" : null);
        }
        foreach (var route in PagedRoutes)
        {
            foreach (var (what, query) in new[]
            {
                ("zero page size", "limit=0"), ("negative page size", "limit=-1"), ("huge page size", "limit=100000"),
                ("page size beyond int", "limit=99999999999999"), ("page size not a number", "limit=ten"), ("SQL page size", "limit=" + Uri.EscapeDataString(SqlOr)),
                ("SQL cursor", "cursor=" + Uri.EscapeDataString(SqlOr)), ("garbage cursor", "cursor=%%%%"), ("huge cursor", "cursor=" + Huge),
                ("cursor of an empty object", "cursor=" + B64("{}")), ("cursor of an array", "cursor=" + B64("[1,2]")), ("cursor of a string", "cursor=" + B64("\"x\"")),
                ("cursor of null", "cursor=" + B64("null")), ("cursor with wrong types", "cursor=" + B64("""{"Name":1,"Id":"x","At":"soon","Sort":"x"}""")),
            })
            {
                yield return new($"GET {route}: {what}", "GET", route, Query: query, Status: 400);
            }
        }
        foreach (var c in QueryCases().Concat(SpecificCases()))
        {
            yield return c;
        }
    }

    private static IEnumerable<Case> SpoiledBodies(BodyRoute r)
    {
        var prefix = $"{r.Method} {r.Route}";
        Case Make(string what, string? body, int status = 0, string? code = null, string contentType = "application/json") =>
            new($"{prefix}: {what}", r.Method, r.Route, body, ContentType: contentType, Status: status, Code: code, Caller: r.Caller);
        yield return Make("truncated JSON", r.ValidBody[..(r.ValidBody.Length / 2)], 400, "malformed_request");
        yield return Make("an array instead of an object", "[1,2,3]", 400, "malformed_request");
        yield return Make("a string instead of an object", "\"hello\"", 400, "malformed_request");
        yield return Make("JSON null", "null", 400);
        yield return Make("empty body", string.Empty, 400);
        yield return Make("not JSON at all", "name=Acme&x=1", 400, "malformed_request");
        yield return Make("wrong content type", r.ValidBody, 415, "unsupported_media_type", "text/plain");
        yield return Make("form content type", r.ValidBody, 415, "unsupported_media_type", "application/x-www-form-urlencoded");
        yield return Make("unknown property", r.ValidBody[..^1] + ""","isAdmin":true}""", 400, "malformed_request");
        yield return Make("nested too deep", $$"""{"x":{{new string('[', 200)}}{{new string(']', 200)}}}""", 400, "malformed_request");
        yield return Make("body over 256 KiB", $$"""{"name":"{{new string('x', 300 * 1024)}}"}""", 413, "body_too_large");
        var valid = JsonNode.Parse(r.ValidBody)!.AsObject();
        foreach (var property in valid)
        {
            JsonNode wrong = property.Value?.GetValueKind() switch
            {
                JsonValueKind.String => JsonValue.Create(12345),
                JsonValueKind.Number => JsonValue.Create("twelve"),
                JsonValueKind.True or JsonValueKind.False => JsonValue.Create("yes"),
                JsonValueKind.Array => new JsonObject { ["a"] = 1 },
                _ => new JsonArray(1, 2),
            };
            var spoiled = JsonNode.Parse(r.ValidBody)!.AsObject();
            spoiled[property.Key] = wrong;
            yield return Make($"wrong type for '{property.Key}'", spoiled.ToJsonString(), 400, "malformed_request");
        }
        foreach (var required in r.Required)
        {
            var spoiled = JsonNode.Parse(r.ValidBody)!.AsObject();
            spoiled[required] = null;
            yield return Make($"null for required '{required}'", spoiled.ToJsonString(), 400);
            spoiled.Remove(required);
            yield return Make($"missing required '{required}'", spoiled.ToJsonString(), 400);
        }
    }

    private static IEnumerable<Case> QueryCases()
    {
        var members = Org + "/members";
        foreach (var (what, query) in new[]
        {
            ("SQL sort", "sort=" + Uri.EscapeDataString(SqlOr)), ("SQL in sort with DROP", "sort=" + Uri.EscapeDataString("name; DROP TABLE members")),
            ("SQL status", "status=" + Uri.EscapeDataString("x' OR '1'='1")), ("script as type", "type=" + Uri.EscapeDataString(Script)),
            ("SQL role", "role=" + Uri.EscapeDataString(SqlOr)), ("huge role", "role=" + Huge), ("malformed scopeId", "scopeId=" + NotAGuid),
            ("SQL scopeId", "scopeId=" + Uri.EscapeDataString(SqlDrop)), ("unknown scopeId", "scopeId=" + UnknownGuid), ("fullAccess not a boolean", "fullAccess=maybe"),
            ("includeServiceAccounts not a boolean", "includeServiceAccounts=2"), ("huge q", "q=" + Huge),
        })
        {
            yield return new($"GET {members}: {what}", "GET", members, Query: query);
        }
        foreach (var (what, query) in new[]
        {
            ("SQL in q", "q=" + Uri.EscapeDataString(SqlOr)), ("DROP TABLE in q", "q=" + Uri.EscapeDataString(SqlDrop)), ("script in q", "q=" + Uri.EscapeDataString(Script)),
            ("LIKE wildcards in q", "q=" + Uri.EscapeDataString("%_\\")), ("zero-width space in q", "q=" + Uri.EscapeDataString("a\u200bb")),
            ("Cyrillic look-alike in q", "q=" + Uri.EscapeDataString("аnn@example.com")), ("SQL in q with a sort", "sort=-email&q=" + Uri.EscapeDataString(SqlOr)),
        })
        {
            yield return new($"GET {members}: {what} is free text", "GET", members, Query: query, Status: 200);
        }
        var effective = Org + "/members/{memberId}/effective-permissions";
        yield return new($"GET {effective}: malformed scopeId", "GET", effective, Query: "scopeId=" + NotAGuid, Status: 400);
        yield return new($"GET {effective}: SQL scopeId", "GET", effective, Query: "scopeId=" + Uri.EscapeDataString(SqlOr), Status: 400);
        yield return new($"GET {effective}: unknown scopeId", "GET", effective, Query: "scopeId=" + UnknownGuid);

        var invitations = Org + "/invitations";
        yield return new($"GET {invitations}: SQL status", "GET", invitations, Query: "status=" + Uri.EscapeDataString(SqlOr), Status: 400);
        yield return new($"GET {invitations}: script status", "GET", invitations, Query: "status=" + Uri.EscapeDataString(Script), Status: 400);

        var check = Org + "/check";
        yield return new($"GET {check}: no userId", "GET", check, Query: "permission=members.view", Status: 400);
        yield return new($"GET {check}: no permission", "GET", check, Query: "userId={userId}", Status: 400);
        yield return new($"GET {check}: no parameters", "GET", check, Status: 400);
        yield return new($"GET {check}: malformed userId", "GET", check, Query: "userId=" + NotAGuid + "&permission=members.view", Status: 400);
        yield return new($"GET {check}: SQL userId", "GET", check, Query: "userId=" + Uri.EscapeDataString(SqlOr) + "&permission=members.view", Status: 400);
        yield return new($"GET {check}: empty userId", "GET", check, Query: "userId=" + Guid.Empty + "&permission=members.view", Status: 400);
        yield return new($"GET {check}: SQL permission", "GET", check, Query: "userId={userId}&permission=" + Uri.EscapeDataString(SqlDrop), Status: 400, Code: "unknown_permission");
        yield return new($"GET {check}: huge permission", "GET", check, Query: "userId={userId}&permission=" + Huge, Status: 400, Code: "unknown_permission");
        yield return new($"GET {check}: malformed scopeId", "GET", check, Query: "userId={userId}&permission=members.view&scopeId=" + NotAGuid, Status: 400);
        yield return new($"GET {check}: malformed resourceOwnerUserId", "GET", check, Query: "userId={userId}&permission=members.view&resourceOwnerUserId=1", Status: 400);

        foreach (var audit in new[] { Org + "/audit-events", "/api/v1/platform/audit-events" })
        {
            foreach (var (what, query) in new[]
            {
                ("SQL from", "from=" + Uri.EscapeDataString(SqlOr)), ("words as to", "to=yesterday"), ("huge from", "from=" + Huge),
                ("malformed actorUserId", "actorUserId=" + NotAGuid), ("SQL targetMemberId", "targetMemberId=" + Uri.EscapeDataString(SqlDrop)),
                ("huge action", "action=" + Huge),
            })
            {
                yield return new($"GET {audit}: {what}", "GET", audit, Query: query, Status: 400);
            }
            yield return new($"GET {audit}: SQL action is an exact filter", "GET", audit, Query: "action=" + Uri.EscapeDataString(SqlOr), Status: 200);
            yield return new($"GET {audit}: SQL action prefix", "GET", audit, Query: "action=" + Uri.EscapeDataString("%' OR 1=1 --."), Status: 200);
        }

        var users = "/api/v1/platform/users";
        foreach (var (what, email) in new[]
        {
            ("no email", null), ("SQL email", SqlOr), ("DROP TABLE email", SqlDrop + "@example.com"), ("huge email", HugeEmail), ("Cyrillic look-alike email", "аnn@example.com"),
            ("fullwidth at sign", "ann＠example.com"), ("zero-width space in email", "an\u200bn@example.com"), ("script email", Script),
        })
        {
            yield return new($"GET {users}: {what}", "GET", users, Query: email is null ? null : "email=" + Uri.EscapeDataString(email), Status: 400);
        }

        var outbox = "/api/v1/platform/outbox";
        foreach (var (what, query) in new[]
        {
            ("negative limit", "limit=-1"), ("zero limit", "limit=0"), ("huge limit", "limit=100000"), ("SQL recipient", "to=" + Uri.EscapeDataString(SqlOr)),
            ("Cyrillic look-alike recipient", "to=" + Uri.EscapeDataString("аnn@example.com")), ("script recipient", "to=" + Uri.EscapeDataString(Script)),
            ("huge recipient", "to=" + Uri.EscapeDataString(HugeEmail)),
        })
        {
            yield return new($"GET {outbox}: {what}", "GET", outbox, Query: query, Status: 400);
        }

        // A hostile API key gets 401 from the routes that need one.
        foreach (var route in new[] { "/api/v1/me", "/api/v1/permissions", "/api/v1/api-keys", "/api/v1/organizations", Org + "/members" })
        {
            yield return new($"GET {route}: SQL as the API key", "GET", route, Status: 401, Caller: Who.HostileKey);
        }
        yield return new($"GET /api/v1/me: a second key-like header value", "GET", "/api/v1/me", Status: 401, Caller: Who.HostileKey, Ids: new Dictionary<string, string> { ["key"] = "ghk_" + Huge });
    }

    private static IEnumerable<Case> SpecificCases()
    {
        Case Post(string route, string what, object body, int status = 0, string? code = null, Who caller = Who.Operator, string method = "POST") =>
            new($"{method} {route}: {what}", method, route, JsonSerializer.Serialize(body), Status: status, Code: code, Caller: caller);

        const string orgs = "/api/v1/organizations";
        yield return Post(orgs, "script in the name", new { name = Script }, 400, "validation_failed");
        yield return Post(orgs, "huge name", new { name = Huge }, 400, "validation_failed");
        yield return Post(orgs, "control characters in the name", new { name = "Acme\u0000\u0007" }, 400, "validation_failed");
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
        yield return Post(service, "too many grants", new { name = "Backend", grants = Enumerable.Range(0, 600).Select(_ => new { roleKey = "viewer", scopeId = (string?)null }) }, 400);

        var access = Org + "/members/{memberId}/access";
        var viewer = new[] { new { roleKey = "viewer", scopeId = (string?)null } };
        yield return Post(access, "too many grants", new { version = 1, grants = Enumerable.Range(0, 501).Select(_ => viewer[0]) }, 400, "validation_failed", method: "PUT");
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
        yield return Post(invite, "too many grants", new { emails = new[] { "grants@example.com" }, grants = Enumerable.Range(0, 101).Select(_ => grants[0]) }, 400, "validation_failed");
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

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory, MemberData(nameof(Table))]
    public async Task Bad_input_is_refused_with_a_problem_and_nothing_is_stored(string store, string @case)
    {
        var c = Cases[@case];
        var world = await servers.GetAsync(store);
        var before = await world.CountRowsAsync();

        using var request = new HttpRequestMessage(new HttpMethod(c.Method), world.Fill(c.Route, c.Ids, escape: true) + (c.Query is null ? string.Empty : "?" + world.Fill(c.Query, null, escape: false)));
        if (c.Body is not null)
        {
            request.Content = new StringContent(world.Fill(c.Body, c.Ids, escape: false), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(c.ContentType);
        }
        var client = c.Caller switch
        {
            Who.Anonymous => world.Anonymous,
            Who.HostileKey => world.App.ClientWithKey(c.Ids?.GetValueOrDefault("key") ?? SqlOr),
            _ => world.App.Operator,
        };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;

        if (c.Status == 200)
        {
            Assert.True(status == 200, $"{@case}: expected 200 but got {status}: {Cut(body)}");
        }
        else
        {
            Assert.True(status is >= 400 and < 500, $"{@case}: expected a 4xx answer but got {status}: {Cut(body)}");
            Assert.True(c.Status == 0 || status == c.Status, $"{@case}: expected {c.Status} but got {status}: {Cut(body)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.True(problem.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }, $"{@case}: no code in {Cut(body)}");
            Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }, $"{@case}: no detail in {Cut(body)}");
            Assert.True(c.Code is null || code.GetString() == c.Code, $"{@case}: expected code {c.Code} but got {Cut(body)}");
        }
        Assert.Equal(before, await world.CountRowsAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Missing_or_invalid_query_parameters_are_named(string store)
    {
        var world = await servers.GetAsync(store);
        var check = world.Fill(Org + "/check", null, escape: true);

        var missing = await (await world.App.Operator.GetAsync($"{check}?permission=members.view")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'userId'", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("body", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(missing.GetProperty("errors").TryGetProperty("userId", out _));

        var invalid = await (await world.App.Operator.GetAsync($"{check}?userId=abc&permission=members.view")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'userId'", invalid.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var noPermission = await (await world.App.Operator.GetAsync($"{check}?userId={world.Ids["userId"]}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'permission'", noPermission.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var limit = await (await world.App.Operator.GetAsync("/api/v1/organizations?limit=99999999999")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("'limit'", limit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Simultaneous_accepts_creating_the_same_account_answer_201_and_409_never_500(string store)
    {
        var app = await pool.GetAsync(store);
        var email = InvitationSupport.NewEmail("race");
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var organization = await app.CreateOrganizationAsync($"Race {i}");
            await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
            tokens.Add(await app.TokenSentToAsync(email));
        }
        var answers = await Task.WhenAll(tokens.Select(t => app.AcceptAsNewUserAsync(t)));

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToList();
        Assert.True(statuses.SequenceEqual([201, 409]), $"Expected one 201 and one 409, got {string.Join(", ", statuses)}: {await answers[1].Content.ReadAsStringAsync()}");
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Every_api_route_has_bad_input_cases(string store)
    {
        var world = await servers.GetAsync(store);
        var covered = Cases.Values.Select(c => $"{c.Method} {c.Route}").ToHashSet(StringComparer.Ordinal);
        var bodies = BodyRoutes.Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (route, endpoint) in ApiRoutes(world.App.Services))
        {
            if (!covered.Contains(route))
            {
                missing.Add(route + " has no case");
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null && !bodies.Contains(route))
            {
                missing.Add(route + " takes a body but is not in BodyRoutes");
            }
        }
        Assert.True(missing.Count == 0, "Routes without bad-input cases:\n" + string.Join('\n', missing));
        Assert.True(ApiRoutes(world.App.Services).Count() > 40, "The API's routes were not found.");
    }

    /// <summary>Every route of the API as "METHOD /pattern" (constraints and trailing slashes removed).</summary>
    public static IEnumerable<(string Route, RouteEndpoint Endpoint)> ApiRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ($"{m} {Pattern(e)}", e)));

    /// <summary>The route pattern with constraints and a trailing slash removed.</summary>
    public static string Pattern(RouteEndpoint endpoint) => Constraint().Replace(endpoint.RoutePattern.RawText!, "{$1}").TrimEnd('/');

    private static string Cut(string body) => body.Length <= 600 ? body : body[..600] + "…";

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}

/// <summary>
/// A server per store for <see cref="BadInputTests"/> alone, so that counting every table's rows before and after a
/// case is not disturbed by other tests writing at the same time; the cases of one class run one after another.
/// </summary>
public sealed class BadInputServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BadInputWorld>>> _worlds = new();

    /// <summary>The world of a store, started on first use.</summary>
    public Task<BadInputWorld> GetAsync(string store) =>
        _worlds.GetOrAdd(store, s => new Lazy<Task<BadInputWorld>>(() => BadInputWorld.CreateAsync(s))).Value;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsValueCreated))
        {
            await (await world.Value).App.DisposeAsync();
        }
    }
}

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
