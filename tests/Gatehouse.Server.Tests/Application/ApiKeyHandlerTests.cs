using Gatehouse.Application;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The API key use cases called directly, without a web host, on both stores.</summary>
public sealed class ApiKeyHandlerTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IssueForUser_ByTheOperatorCli_AuditsLikeAKeyMadeByItsOwner_NamingTheCommand(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var issued = await host.RunAsync<IssueApiKeyForUserHandler, Result<CreatedApiKeyDto>>(h =>
            h.HandleAsync(Actor.OperatorCli, host.Origin, new IssueApiKeyForUserCommand("VIC@acme.test")));
        var own = await host.RunAsync<CreateApiKeyHandler, Result<CreatedApiKeyDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new CreateApiKeyRequest("Laptop")));

        Assert.Equal(host.Viewer.UserId, issued.Value.UserId);
        Assert.StartsWith("ghk_", issued.Value.Key, StringComparison.Ordinal);
        await using var db = host.Db();
        var events = (await db.AuditEvents.Where(e => e.Action == "api_key.created").ToListAsync()).OrderBy(e => e.ActorName, StringComparer.Ordinal).ToList();
        Assert.Equal([(host.Viewer.UserId, "Vic Tester"), (null, Actor.OperatorCliName)], events.Select(e => (e.ActorUserId, e.ActorName)));
        // One payload shape whoever made the key: its name, hint and owner.
        Assert.All(events, e => Assert.Contains($"\"userId\":\"{host.Viewer.UserId}\"", e.After, StringComparison.Ordinal));
        Assert.Equal(2, await db.ApiKeys.CountAsync(k => k.UserId == host.Viewer.UserId));
        Assert.True(own.Succeeded);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IssueForUser_ByAPerson_IsForbidden_AndAnUnknownEmail_IsNotFound(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var byOwner = await host.RunAsync<IssueApiKeyForUserHandler, Result<CreatedApiKeyDto>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new IssueApiKeyForUserCommand("vic@acme.test")));
        var unknown = await host.RunAsync<IssueApiKeyForUserHandler, Result<CreatedApiKeyDto>>(h =>
            h.HandleAsync(Actor.OperatorCli, host.Origin, new IssueApiKeyForUserCommand("nobody@acme.test")));

        Assert.Equal((FailureKind.Forbidden, ApiKeyCodes.PlatformOperatorRequired), (byOwner.Failure?.Kind, byOwner.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, ApiKeyCodes.UserNotFound), (unknown.Failure?.Kind, unknown.Failure?.Code));
        await using var db = host.Db();
        Assert.Equal((0, 0), (await db.ApiKeys.CountAsync(), await db.AuditEvents.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revoke_SomeoneElsesPersonalKey_AnswersLikeAnUnknownKey_AndKeepsItWorking(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var key = await host.RunAsync<CreateApiKeyHandler, Result<CreatedApiKeyDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new CreateApiKeyRequest("Laptop")));

        var byOwner = await host.RunAsync<RevokeApiKeyHandler, Result<bool>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new RevokeApiKeyCommand(key.Value.Id)));
        var byHolder = await host.RunAsync<RevokeApiKeyHandler, Result<bool>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new RevokeApiKeyCommand(key.Value.Id)));

        Assert.Equal((FailureKind.NotFound, ApiKeyCodes.NotFound), (byOwner.Failure?.Kind, byOwner.Failure?.Code));
        Assert.True(byHolder.Succeeded);
        Assert.Equal([key.Value.Id], host.Revocations.Forgotten);
    }
}
