using Gatehouse.Application;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Email;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Email;

/// <summary>The outbox, dev mailbox and own-account use cases called directly, without a web host, on both stores.</summary>
public sealed class OutboxHandlerTests
{
    private static async Task<OutboxMessage> StoreAsync(UseCaseHost host, string to, string status, int minutesAgo)
    {
        await using var db = host.Db();
        var message = OutboxMessage.Queued(host.OrganizationId, "invitation", to, $"For {to}", "text", "<p>html</p>", DateTimeOffset.UtcNow.AddMinutes(-minutesAgo));
        message.Status = status;
        message.Attempts = status == OutboxStatus.Failed ? 5 : 0;
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ForTheOperatorCli_FiltersByStatusAndAddress_NewestFirst(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var older = await StoreAsync(host, "ada@example.test", OutboxStatus.Failed, 10);
        var newer = await StoreAsync(host, "ada@example.test", OutboxStatus.Failed, 5);
        await StoreAsync(host, "bob@example.test", OutboxStatus.Failed, 1);
        await StoreAsync(host, "ada@example.test", OutboxStatus.Sent, 2);

        var result = await host.RunAsync<ListOutboxHandler, Result<List<OutboxMessageDto>>>(h =>
            h.HandleAsync(Actor.OperatorCli, new ListOutboxQuery(" ADA@example.test", OutboxStatus.Failed)));

        Assert.Equal([newer.Id, older.Id], result.Value.Select(m => m.Id));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_ByAnOwner_IsForbidden_AndAnUnknownStatus_IsInvalidOnItsField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var owner = await host.RunAsync<ListOutboxHandler, Result<List<OutboxMessageDto>>>(h => h.HandleAsync(host.Owner, new ListOutboxQuery()));
        var unknown = await host.RunAsync<ListOutboxHandler, Result<List<OutboxMessageDto>>>(h => h.HandleAsync(Actor.OperatorCli, new ListOutboxQuery(Status: "lost")));

        Assert.Equal((FailureKind.Forbidden, EmailCodes.PlatformOperatorRequired), (owner.Failure?.Kind, owner.Failure?.Code));
        Assert.Equal(FailureKind.Invalid, unknown.Failure?.Kind);
        Assert.Equal(["status"], unknown.Failure!.Fields.Keys);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Retry_OfAFailedEmail_MakesItPendingWithFreshAttempts_AndAuditsIt_ButASentOneIsAConflict(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var failed = await StoreAsync(host, "ada@example.test", OutboxStatus.Failed, 3);
        var sent = await StoreAsync(host, "bob@example.test", OutboxStatus.Sent, 3);

        var retried = await host.RunAsync<RetryOutboxMessageHandler, Result<OutboxMessageDto>>(h => h.HandleAsync(Actor.OperatorCli, host.Origin, new RetryOutboxMessageCommand(failed.Id)));
        var again = await host.RunAsync<RetryOutboxMessageHandler, Result<OutboxMessageDto>>(h => h.HandleAsync(Actor.OperatorCli, host.Origin, new RetryOutboxMessageCommand(sent.Id)));
        var unknown = await host.RunAsync<RetryOutboxMessageHandler, Result<OutboxMessageDto>>(h => h.HandleAsync(Actor.OperatorCli, host.Origin, new RetryOutboxMessageCommand(Guid.NewGuid())));

        Assert.Equal((OutboxStatus.Pending, 0), (retried.Value.Status, retried.Value.Attempts));
        Assert.Equal((FailureKind.Conflict, EmailCodes.OutboxMessageAlreadySent), (again.Failure?.Kind, again.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, EmailCodes.OutboxMessageNotFound), (unknown.Failure?.Kind, unknown.Failure?.Code));
        await using var db = host.Db();
        var audited = await db.AuditEvents.SingleAsync(e => e.Action == RetryOutboxMessageHandler.RetriedAction);
        Assert.Equal((failed.Id.ToString(), Actor.OperatorCliName, "192.0.2.10"), (audited.TargetId, audited.ActorName, audited.IpAddress));
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync(m => m.Id == sent.Id)).Status);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DevMailbox_ListsByAddress_ReadsOne_AndRefusesAnAddressThatIsNotOne(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var mail = await StoreAsync(host, "ada@example.test", OutboxStatus.Sent, 1);
        await StoreAsync(host, "bob@example.test", OutboxStatus.Sent, 1);

        var listed = await host.RunAsync<ReadDevMailboxHandler, Result<List<DevMailDto>>>(h => h.ListAsync(new ListDevMailQuery("ada@example.test")));
        var read = await host.RunAsync<ReadDevMailboxHandler, Result<DevMailDetailDto>>(h => h.GetAsync(mail.Id));
        var invalid = await host.RunAsync<ReadDevMailboxHandler, Result<List<DevMailDto>>>(h => h.ListAsync(new ListDevMailQuery("not an address")));

        Assert.Equal([mail.Id], listed.Value.Select(m => m.Id));
        Assert.Equal(("<p>html</p>", "text"), (read.Value.HtmlBody, read.Value.TextBody));
        Assert.Equal(FailureKind.Invalid, invalid.Failure?.Kind);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MyAccount_ShowsEachMembershipWithWhatTheCallerMayDoThere_AndTheCliHasNone(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var owner = await host.RunAsync<ReadMyAccountHandler, Result<MeDto>>(h => h.HandleAsync(host.Owner));
        var viewer = await host.RunAsync<ReadMyAccountHandler, Result<MeDto>>(h => h.HandleAsync(host.Viewer));
        var stranger = await host.RunAsync<ReadMyAccountHandler, Result<MeDto>>(h => h.HandleAsync(host.Stranger));
        var cli = await host.RunAsync<ReadMyAccountHandler, Result<MeDto>>(h => h.HandleAsync(Actor.OperatorCli));

        var ownership = Assert.Single(owner.Value.Memberships);
        Assert.Equal((host.OrganizationId, true, true, true), (ownership.OrganizationId, ownership.IsOwner, ownership.Capabilities.Invite, ownership.Capabilities.ManageRoles));
        var viewing = Assert.Single(viewer.Value.Memberships);
        Assert.Equal((false, false, true), (viewing.Capabilities.Invite, viewing.Capabilities.ManageRoles, viewing.Capabilities.ViewMembers));
        Assert.Empty(stranger.Value.Memberships);
        Assert.Equal((FailureKind.NotFound, ReadMyAccountHandler.NoAccount), (cli.Failure?.Kind, cli.Failure?.Code));
    }
}
