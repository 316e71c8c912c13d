using Gatehouse.Application;
using Gatehouse.Application.Platform;
using Gatehouse.Core.Secrets;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Platform;

/// <summary>Finding and erasing accounts, and completing setup, called directly without a web host, on both stores.</summary>
public sealed class PlatformHandlerTests
{
    private static Task<Result<bool>> Erase(UseCaseHost host, Actor actor, Guid userId) =>
        host.RunAsync<EraseAccountHandler, Result<bool>>(h => h.HandleAsync(actor, host.Origin, new EraseAccountCommand(userId)));

    private static Task<Result<SetupResult>> Setup(UseCaseHost host, string token, string email = "first@gatehouse.test") =>
        host.RunAsync<CompleteSetupHandler, Result<SetupResult>>(h => h.HandleAsync(host.Origin, new CompleteSetupCommand(token, email, "First", "Operator", "correct horse battery")));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erase_ByAnOwner_IsForbidden_AndChangesNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Erase(host, host.Owner, host.Viewer.UserId!.Value);

        Assert.Equal((FailureKind.Forbidden, PlatformCodes.PlatformOperatorRequired), (result.Failure?.Kind, result.Failure?.Code));
        await using var db = host.Db();
        Assert.Null(await db.Users.Where(u => u.Id == host.Viewer.UserId).Select(u => u.ErasedAt).SingleAsync());
        Assert.True(await db.Members.AnyAsync(m => m.UserId == host.Viewer.UserId));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "user.erased"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Erase_ByAnOperator_RemovesTheMembership_Pseudonymizes_AuditsAndForgetsTheKeys(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var support = await host.PlatformOperatorAsync();
        var viewer = host.Viewer.UserId!.Value;

        var result = await Erase(host, support, viewer);
        var again = await Erase(host, support, viewer);
        var self = await Erase(host, support, support.UserId!.Value);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal((FailureKind.Conflict, PlatformCodes.AlreadyErased), (again.Failure?.Kind, again.Failure?.Code));
        Assert.Equal((FailureKind.Conflict, PlatformCodes.CannotEraseSelf), (self.Failure?.Kind, self.Failure?.Code));
        await using var db = host.Db();
        var user = await db.Users.SingleAsync(u => u.Id == viewer);
        Assert.NotNull(user.ErasedAt);
        Assert.DoesNotContain("vic@acme.test", user.Email, StringComparison.Ordinal);
        Assert.False(await db.Members.AnyAsync(m => m.UserId == viewer));
        var events = await db.AuditEvents.Where(e => e.Action == "user.erased").ToListAsync();
        Assert.Equal(2, events.Count); // one in the organization, one on the platform
        Assert.All(events, e => Assert.Equal((support.UserId, "192.0.2.10"), (e.ActorUserId, e.IpAddress)));
        Assert.Contains(viewer, host.Revocations.Forgotten);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Find_ByANonOperator_IsForbidden_AndByAnOperator_ListsTheMemberships(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var support = await host.PlatformOperatorAsync();

        var refused = await host.RunAsync<FindAccountHandler, Result<List<PlatformUserDto>>>(h => h.HandleAsync(host.Owner, new FindAccountQuery("vic@acme.test")));
        var found = await host.RunAsync<FindAccountHandler, Result<List<PlatformUserDto>>>(h => h.HandleAsync(support, new FindAccountQuery("VIC@acme.test")));
        var invalid = await host.RunAsync<FindAccountHandler, Result<List<PlatformUserDto>>>(h => h.HandleAsync(support, new FindAccountQuery(" ")));

        Assert.Equal((FailureKind.Forbidden, PlatformCodes.PlatformOperatorRequired), (refused.Failure?.Kind, refused.Failure?.Code));
        Assert.Equal(host.OrganizationId, Assert.Single(Assert.Single(found.Value).Memberships).OrganizationId);
        Assert.Equal((FailureKind.Invalid, "email"), (invalid.Failure?.Kind, invalid.Failure?.Field));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Setup_WithAWrongToken_IsForbidden_AndWithTheRightOne_WorksOnce(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var (token, hash) = SecretToken.Create("ghs_");
        await using (var seed = host.Db())
        {
            seed.SetupTokens.Add(new SetupToken { Id = Guid.CreateVersion7(), TokenHash = hash, CreatedAt = DateTimeOffset.UtcNow });
            await seed.SaveChangesAsync();
        }

        var wrong = await Setup(host, token + "x");
        var first = await Setup(host, token);
        var used = await Setup(host, token, "second@gatehouse.test");
        var malformed = await Setup(host, " ");

        Assert.Equal((FailureKind.Forbidden, PlatformCodes.InvalidSetupToken), (wrong.Failure?.Kind, wrong.Failure?.Code));
        Assert.True(first.Succeeded, first.ToString());
        Assert.StartsWith("gh", first.Value.ApiKey, StringComparison.Ordinal);
        Assert.Equal((FailureKind.Forbidden, PlatformCodes.InvalidSetupToken), (used.Failure?.Kind, used.Failure?.Code));
        Assert.Equal((FailureKind.Invalid, "token"), (malformed.Failure?.Kind, malformed.Failure?.Field));
        await using var db = host.Db();
        Assert.Equal(first.Value.UserId, (await db.PlatformOperators.SingleAsync()).UserId);
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == "second@gatehouse.test"));
        var added = await db.AuditEvents.SingleAsync(e => e.Action == "platform.operator_added");
        Assert.Equal((first.Value.UserId, "192.0.2.10"), (added.ActorUserId, added.IpAddress));
    }
}
