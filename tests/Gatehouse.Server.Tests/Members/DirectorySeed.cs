using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Members;

/// <summary>The organization the members API tests share: three scopes, seven people and a service account.</summary>
internal static class DirectorySeed
{
    internal sealed record Seeded(Guid Org, Guid P1, Guid P1A, Guid P2, Dictionary<string, SeededMember> People, Guid Service);

    /// <summary>Seven people with distinct names, emails and sign-ins, and a service account.</summary>
    public static async Task<Seeded> SeedDirectoryAsync(GatehouseApp app)
    {
        var org = await app.CreateOrganizationAsync();
        var p1 = await app.CreateScopeAsync(org, "Project One");
        var p1a = await app.CreateScopeAsync(org, "Project One A", p1);
        var p2 = await app.CreateScopeAsync(org, "Project Two");
        var service = await app.SeedServiceAccountAsync(org, "Robot");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var people = new Dictionary<string, SeededMember>
        {
            ["anna"] = await app.SeedMemberAsync(org, $"zz-anna-{tag}@example.com", [new GrantSpec("admin", null)], firstName: "Anna", lastName: "Able"),
            ["ben"] = await app.SeedMemberAsync(org, $"yy-ben-{tag}@example.com", [new GrantSpec("viewer", p1)], firstName: "Ben", lastName: "Baker"),
            ["cara"] = await app.SeedMemberAsync(org, $"xx-cara-{tag}@example.com", [new GrantSpec("member", p1a)], firstName: "Cara", lastName: "Cole"),
            ["dan"] = await app.SeedMemberAsync(org, $"ww-dan-{tag}@example.com", [new GrantSpec("member", p2)], firstName: "Dan", lastName: "Dunn"),
            ["eve"] = await app.SeedMemberAsync(org, $"vv-eve-{tag}@example.com", fullAccess: true, firstName: "Eve", lastName: "Evans"),
            ["fay"] = await app.SeedMemberAsync(org, $"uu-fay_100%-{tag}@example.com", [new GrantSpec("viewer", p2)], firstName: "Fay", lastName: "Fox"),
            ["gus"] = await app.SeedMemberAsync(org, $"tt-gus-{tag}@example.com", [new GrantSpec("viewer", p2)], firstName: "Gus", lastName: "Grey"),
        };
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await app.SignInAtAsync(people["cara"].UserId, start.AddHours(1));
        await app.SignInAtAsync(people["anna"].UserId, start.AddHours(3).AddTicks(70));
        await app.SignInAtAsync(people["eve"].UserId, start.AddHours(2));
        return new Seeded(org, p1, p1a, p2, people, service);
    }

    public static List<Guid> IdsOf(Seeded s, params string[] names) => [.. names.Select(n => s.People[n].MemberId)];
}
