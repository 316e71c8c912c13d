namespace Gatehouse.Server.Tests.Hosting;

// Ids in routes, page sizes and cursors, and the query strings of the lists and checks.
public static partial class BadInputCases
{
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
        ("POST", Org + "/members/{memberId}/verification-email", "memberId"),
        ("DELETE", Org + "/members/{memberId}", "memberId"),
        ("DELETE", Org + "/members/{memberId}/account", "memberId"),
        ("GET", Org + "/invitations", "organizationId"),
        ("POST", Org + "/invitations/{invitationId}/resend", "invitationId"),
        ("POST", Org + "/invitations/{invitationId}/revoke", "invitationId"),
        ("GET", Org + "/roles", "organizationId"),
        ("DELETE", Org + "/roles/{role}", "role"),
        ("GET", Org + "/check", "organizationId"),
        ("GET", Org + "/audit-events", "organizationId"),
        ("DELETE", "/api/v1/platform/users/{userId}", "userId"),
        ("POST", "/api/v1/platform/outbox/{id}/retry", "id"),
        ("GET", "/api/v1/dev/mailbox/{id}", "id"),
        ("GET", "/api/v1/dev/mailbox/{id}/html", "id"),
    ];

    /// <summary>Lists with cursors and page sizes.</summary>
    private static readonly string[] PagedRoutes =
        ["/api/v1/organizations", Org + "/members", Org + "/invitations", Org + "/audit-events", "/api/v1/platform/audit-events"];

    private static IEnumerable<Case> IdCases()
    {
        foreach (var (method, route, id) in IdRoutes)
        {
            var body = method == "POST" ? string.Empty : null;
            yield return new($"{method} {route}: malformed {id} in the route", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = NotAGuid }, Status: 404);
            yield return new($"{method} {route}: SQL as {id} in the route", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = SqlDrop }, Status: 404);
            yield return new($"{method} {route}: unknown {id}", method, route, Body: body, Ids: new Dictionary<string, string> { [id] = UnknownGuid },
                Query: route.EndsWith("/check", StringComparison.Ordinal) ? "userId={userId}&permission=members.view" : null);
        }
    }

    private static IEnumerable<Case> PageCases()
    {
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

        foreach (var (lookup, must) in new[] { (Org + "/lookups/places", "userId={userId}&permission=members.view"), (Org + "/lookups/people", "permission=members.view") })
        {
            yield return new($"GET {lookup}: no parameters", "GET", lookup, Status: 400);
            yield return new($"GET {lookup}: no permission", "GET", lookup, Query: must.Replace("permission=members.view", "scopeId={scopeId}", StringComparison.Ordinal), Status: 400);
            yield return new($"GET {lookup}: SQL permission", "GET", lookup, Query: must.Replace("members.view", Uri.EscapeDataString(SqlDrop), StringComparison.Ordinal), Status: 400, Code: "unknown_permission");
            yield return new($"GET {lookup}: huge permission", "GET", lookup, Query: must.Replace("members.view", Huge, StringComparison.Ordinal), Status: 400, Code: "unknown_permission");
            yield return new($"GET {lookup}: malformed organizationId", "GET", lookup, Query: must, Ids: new Dictionary<string, string> { ["organizationId"] = NotAGuid }, Status: 404);
            yield return new($"GET {lookup}: unknown organizationId", "GET", lookup, Query: must, Ids: new Dictionary<string, string> { ["organizationId"] = UnknownGuid }, Status: 404);
            foreach (var (what, query) in new[]
            {
                ("zero page size", "limit=0"), ("huge page size", "limit=100000"), ("page size not a number", "limit=ten"), ("SQL cursor", "cursor=" + Uri.EscapeDataString(SqlOr)),
                ("garbage cursor", "cursor=%%%%"), ("huge cursor", "cursor=" + Huge), ("cursor of an empty object", "cursor=" + B64("{}")),
            })
            {
                yield return new($"GET {lookup}: {what}", "GET", lookup, Query: must + "&" + query, Status: 400);
            }
        }
        yield return new($"GET {Org}/lookups/places: malformed userId", "GET", Org + "/lookups/places", Query: "userId=" + NotAGuid + "&permission=members.view", Status: 400);
        yield return new($"GET {Org}/lookups/places: unknown userId is a place-less answer", "GET", Org + "/lookups/places", Query: "userId=" + UnknownGuid + "&permission=members.view", Status: 200);
        yield return new($"GET {Org}/lookups/people: malformed scopeId", "GET", Org + "/lookups/people", Query: "permission=members.view&scopeId=" + NotAGuid, Status: 400);
        yield return new($"GET {Org}/lookups/people: SQL scopeId", "GET", Org + "/lookups/people", Query: "permission=members.view&scopeId=" + Uri.EscapeDataString(SqlDrop), Status: 400);

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

        foreach (var (mailbox, caller) in new[] { ("/api/v1/platform/outbox", Who.Operator), ("/api/v1/dev/mailbox", Who.Anonymous) })
        {
            foreach (var (what, query) in new[]
            {
                ("negative limit", "limit=-1"), ("zero limit", "limit=0"), ("huge limit", "limit=100000"), ("SQL recipient", "to=" + Uri.EscapeDataString(SqlOr)),
                ("Cyrillic look-alike recipient", "to=" + Uri.EscapeDataString("аnn@example.com")), ("script recipient", "to=" + Uri.EscapeDataString(Script)),
                ("huge recipient", "to=" + Uri.EscapeDataString(HugeEmail)),
            })
            {
                yield return new($"GET {mailbox}: {what}", "GET", mailbox, Query: query, Status: 400, Caller: caller);
            }
        }
        var outbox = "/api/v1/platform/outbox";
        foreach (var (what, status) in new[] { ("unknown status", "bounced"), ("SQL status", SqlOr), ("status in capitals", "FAILED"), ("huge status", Huge) })
        {
            yield return new($"GET {outbox}: {what}", "GET", outbox, Query: "status=" + Uri.EscapeDataString(status), Status: 400, Code: "validation_failed");
        }

        // A hostile API key gets 401 from the routes that need one.
        foreach (var route in new[] { "/api/v1/me", "/api/v1/permissions", "/api/v1/api-keys", "/api/v1/organizations", Org + "/members", "/api/v1/platform/oidc-clients" })
        {
            yield return new($"GET {route}: SQL as the API key", "GET", route, Status: 401, Caller: Who.HostileKey);
        }
        yield return new($"GET /api/v1/me: a second key-like header value", "GET", "/api/v1/me", Status: 401, Caller: Who.HostileKey, Ids: new Dictionary<string, string> { ["key"] = "ghk_" + Huge });
    }
}
