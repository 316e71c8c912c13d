using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Support;

/// <summary>Calls of the members API that many tests share.</summary>
public static class MembersApi
{
    /// <summary>A unique email.</summary>
    public static string Email(string who = "m") => $"{who}{Guid.NewGuid():N}@example.com";

    /// <summary>The path of the members of an organization.</summary>
    public static string Path(Guid organizationId, string rest = "") => $"/api/v1/organizations/{organizationId}/members{rest}";

    /// <summary>One page of the list (asserting 200).</summary>
    public static async Task<JsonElement> PageAsync(this HttpClient client, Guid organizationId, string query = "") =>
        await (await client.GetAsync(Path(organizationId, query.Length == 0 ? "" : "?" + query))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Every row of the list, walking all pages.</summary>
    public static async Task<List<JsonElement>> AllRowsAsync(this HttpClient client, Guid organizationId, string query = "", int limit = 50)
    {
        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var q = $"limit={limit}" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await client.PageAsync(organizationId, q);
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return rows;
    }

    /// <summary>The member ids of the rows.</summary>
    public static List<Guid> Ids(this IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("memberId").GetGuid())];

    /// <summary>One member (asserting 200).</summary>
    public static async Task<JsonElement> MemberAsync(this HttpClient client, Guid organizationId, Guid memberId) =>
        await (await client.GetAsync(Path(organizationId, $"/{memberId}"))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Replaces a member's access with the version just read.</summary>
    public static async Task<HttpResponseMessage> PutAccessAsync(this HttpClient client, Guid organizationId, Guid memberId, object grants, bool fullAccess = false, object? inlineRole = null, int? version = null)
    {
        version ??= (await client.MemberAsync(organizationId, memberId)).GetProperty("version").GetInt32();
        return await client.PutAsJsonAsync(Path(organizationId, $"/{memberId}/access"), new { version, grants, fullAccess, inlineRole });
    }

    /// <summary>The effective permission codenames of a member at a scope.</summary>
    public static async Task<List<string>> EffectiveAsync(this HttpClient client, Guid organizationId, Guid memberId, Guid? scopeId = null)
    {
        var body = await (await client.GetAsync(Path(organizationId, $"/{memberId}/effective-permissions" + (scopeId is null ? "" : $"?scopeId={scopeId}"))))
            .ExpectAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!)];
    }

    /// <summary>True when every capability of the row is off.</summary>
    public static bool NothingAllowed(JsonElement row)
    {
        var c = row.GetProperty("capabilities");
        return !c.GetProperty("editAccess").GetBoolean() && c.GetProperty("editableTargets").GetArrayLength() == 0
            && c.GetProperty("removableFromScopes").GetArrayLength() == 0 && !c.GetProperty("changeFullAccess").GetBoolean()
            && !c.GetProperty("deactivate").GetBoolean() && !c.GetProperty("reactivate").GetBoolean()
            && !c.GetProperty("remove").GetBoolean() && !c.GetProperty("changeOwnership").GetBoolean();
    }

    /// <summary>Records a sign-in for a user straight in the database (the member directory copies it).</summary>
    public static Task SignInAtAsync(this GatehouseApp app, Guid userId, DateTimeOffset at) =>
        app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.RecordSignIn(at);
            return await db.SaveChangesAsync();
        });

    /// <summary>Puts a service account into an organization straight in the database.</summary>
    public static Task<Guid> SeedServiceAccountAsync(this GatehouseApp app, Guid organizationId, string name) =>
        app.InDatabaseAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var user = new User(Guid.CreateVersion7(), Email("svc"), name, "Service", now, UserKind.ServiceAccount);
            db.Users.Add(user);
            var member = new Core.Members.Member(Guid.CreateVersion7(), organizationId, user.Id, now);
            db.Members.Add(member);
            await db.SaveChangesAsync();
            return member.Id;
        });
}
