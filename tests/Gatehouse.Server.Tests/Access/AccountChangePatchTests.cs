using Gatehouse.Application;
using Gatehouse.Application.Access;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Platform;
using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Application;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// A change of a person's account (name, email, erasure) reaches every organization they belong to: each one this node
/// holds is patched with that member alone (no organization is read whole and compiled again), and the patch equals a
/// fresh compile; one this node does not hold stays unloaded and is read as it is now on first use.
/// </summary>
public sealed class AccountChangePatchTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NameChange_PatchesEachHeldOrganization_WithoutACompile(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var (beta, gamma) = (await JoinAsync(host, "Beta"), await JoinAsync(host, "Gamma"));
        var cache = await CacheAsync(host);
        var held = new[] { host.OrganizationId, beta };
        var before = await LoadAsync(cache, held);
        var compiles = cache.FullCompiles;

        var changed = await host.RunAsync<ChangeProfileHandler, Result<ProfileDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new ChangeProfileCommand("Zebrafish", "Renamed", "+49 30 1234")));
        Assert.True(changed.Succeeded, changed.ToString());

        await AssertPatchedAsync(host, cache, before, compiles, m => Assert.Equal("Zebrafish Renamed", m!.Entry.Name));
        Assert.Null(cache.Engine.Find(gamma)); // not held here: nothing to patch, nothing compiled
        var loaded = await cache.GetAsync(gamma);
        Assert.Equal("Zebrafish", loaded!.FindMemberByUser(host.Viewer.UserId!.Value)!.Contact!.FirstName);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmailChange_PatchesEachHeldOrganization_WithoutACompile(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var beta = await JoinAsync(host, "Beta");
        var cache = await CacheAsync(host);
        var before = await LoadAsync(cache, [host.OrganizationId, beta]);
        var compiles = cache.FullCompiles;
        var vic = host.Viewer.UserId!.Value;
        const string NewEmail = "victoria.new@acme.test";
        var token = await host.RunAsync<UserManager<User>, string>(async users =>
            await users.GenerateChangeEmailTokenAsync((await users.FindByIdAsync(vic.ToString()))!, NewEmail));

        var verified = await host.RunAsync<VerifyEmailHandler, Result<VerifiedEmail>>(h => h.HandleAsync(host.Origin, new VerifyEmailCommand(vic, token, NewEmail)));
        Assert.True(verified.Succeeded, verified.ToString());

        await AssertPatchedAsync(host, cache, before, compiles, m => Assert.Equal(NewEmail, m!.Contact!.Email));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erasure_PatchesEachOrganization_WithTheMemberAndTheirInlineRoleGone(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var beta = await JoinAsync(host, "Beta", inlineRole: true);
        var operatorActor = await host.PlatformOperatorAsync();
        var cache = await CacheAsync(host);
        var before = await LoadAsync(cache, [host.OrganizationId, beta]);
        var compiles = cache.FullCompiles;
        Assert.Contains(before[beta].Roles, r => r.Kind == RoleKind.Inline);

        var erased = await host.RunAsync<EraseAccountHandler, Result<bool>>(h => h.HandleAsync(operatorActor, host.Origin, new EraseAccountCommand(host.Viewer.UserId!.Value)));
        Assert.True(erased.Succeeded, erased.ToString());

        await AssertPatchedAsync(host, cache, before, compiles, Assert.Null);
        Assert.DoesNotContain(cache.Engine.Find(beta)!.Roles, r => r.Kind == RoleKind.Inline);
    }

    /// <summary>
    /// Each organization is a patch of the one held before (its <see cref="CompiledOrganization.Derivation"/> names it),
    /// no full compile happened, the changed member is as <paramref name="member"/> says, and the patch equals a fresh compile.
    /// </summary>
    private static async Task AssertPatchedAsync(UseCaseHost host, AccessCache cache, Dictionary<Guid, CompiledOrganization> before, long compiles,
        Action<CompiledMember?> member)
    {
        Assert.Equal(compiles, cache.FullCompiles);
        await using var db = host.Db();
        foreach (var (organizationId, basis) in before)
        {
            var patched = Assert.IsType<CompiledOrganization>(cache.Engine.Find(organizationId));
            var derivation = Assert.IsType<Derivation>(patched.Derivation);
            Assert.True(derivation.Basis.TryGetTarget(out var from) && ReferenceEquals(from, basis), "patched from the organization held before");
            member(patched.FindMemberByUser(host.Viewer.UserId!.Value));
            var (snapshot, version) = (await SnapshotLoader.LoadAsync(db, organizationId, CancellationToken.None))!.Value;
            Assert.Same(patched, cache.Held(organizationId, version));
            Assert.Equal(AccessCachePatchTests.Describe(new CompiledOrganization(patched.Model, snapshot)), AccessCachePatchTests.Describe(patched));
        }
    }

    private static Task<AccessCache> CacheAsync(UseCaseHost host) => host.RunAsync<AccessCache, AccessCache>(Task.FromResult);

    private static async Task<Dictionary<Guid, CompiledOrganization>> LoadAsync(AccessCache cache, Guid[] organizationIds)
    {
        var loaded = new Dictionary<Guid, CompiledOrganization>();
        foreach (var organizationId in organizationIds)
        {
            loaded[organizationId] = (await cache.GetAsync(organizationId))!;
        }
        return loaded;
    }

    /// <summary>Another organization with Vic (the host's viewer) and one more member, Vic with a grant there (and an inline role of their own).</summary>
    private static async Task<Guid> JoinAsync(UseCaseHost host, string name, bool inlineRole = false)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var organization = new Organization(Guid.CreateVersion7(now), name, "standard", null, now);
        db.Organizations.Add(organization);
        var vic = new Member(Guid.CreateVersion7(now), organization.Id, host.Viewer.UserId!.Value, now);
        var owner = new Member(Guid.CreateVersion7(now), organization.Id, host.Owner.UserId!.Value, now, isOwner: true);
        db.Members.AddRange(vic, owner);
        db.Grants.Add(new Grant(Guid.CreateVersion7(now), organization.Id, vic.Id, "viewer", null));
        if (inlineRole)
        {
            var role = new Role(Guid.CreateVersion7(now), organization.Id, RoleKind.Inline, "Vic's own", ["documents.view"], vic.Id);
            db.Roles.Add(role);
            db.Grants.Add(new Grant(Guid.CreateVersion7(now), organization.Id, vic.Id, role.Key, null));
        }
        await db.SaveChangesAsync();
        return organization.Id;
    }
}
