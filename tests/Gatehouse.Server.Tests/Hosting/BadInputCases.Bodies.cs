using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Server.Tests.Hosting;

// Routes that take a JSON body, each spoiled in every way a body can be.
public static partial class BadInputCases
{
    /// <summary>A route that takes a JSON body: a valid body to spoil, its required properties, and who may call it.</summary>
    internal sealed record BodyRoute(string Method, string Route, string ValidBody, string[] Required, Who Caller = Who.Operator);

    internal static readonly BodyRoute[] BodyRoutes =
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
        new("PUT", Org + "/members/{memberId}/details", """{"firstName":"Max","lastName":"Tester","phone":null}""", ["firstName", "lastName"]),
        new("POST", Org + "/invitations", """{"emails":["x@example.com"],"invitees":null,"grants":[{"roleKey":"viewer","scopeId":null}],"fullAccess":false,"inlineRole":null}""", ["emails"]),
        new("POST", "/api/v1/invitations/lookup", """{"token":"{token}"}""", ["token"], Who.Anonymous),
        new("POST", "/api/v1/invitations/accept", """{"token":"{token}","firstName":"Nora","lastName":"Newcomer","password":"a perfectly long password"}""", ["token"], Who.Anonymous),
        new("POST", Org + "/roles", """{"name":"Auditor","permissions":["audit.view"]}""", ["name", "permissions"]),
        new("PATCH", Org + "/roles/{role}", """{"name":"Auditor","permissions":["audit.view"],"version":1}""", []),
        new("POST", Org + "/check", """{"userId":"{userId}","permission":"members.view","scopeId":null,"resourceOwnerUserId":null}""", ["userId", "permission"]),
        new("POST", Org + "/check/batch", """{"userId":"{userId}","checks":[{"permission":"members.view","scopeId":null,"resourceOwnerUserId":null}]}""", ["userId", "checks"]),
        new("POST", Org + "/explain", """{"userId":"{userId}","permission":"members.view","scopeId":null,"resourceOwnerUserId":null}""", ["userId", "permission"]),
        new("POST", "/api/v1/platform/oidc-clients",
            """{"name":"Billing","type":"confidential","redirectUris":["https://billing.example.com/signin-oidc"],"postLogoutRedirectUris":[],"parRequired":false,"firstParty":true}""",
            ["name", "type", "redirectUris"]),
        new("POST", "/api/v1/setup", """{"token":"not-the-token","email":"op@example.com","firstName":"Op","lastName":"Erator","password":"a long enough password"}""",
            ["token", "email", "firstName", "lastName", "password"], Who.Anonymous),
    ];

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
}
