using Gatehouse.Application;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The application layer's unit of work: it keeps a change exactly when the use case's result succeeded.</summary>
public sealed class OrganizationWorkTests
{
    private static Task<Result<bool>> RenameAndAudit(UseCaseHost host, OrganizationWork work, Func<Result<bool>> answer) =>
        work.RunAsync(host.Owner, host.Origin, host.OrganizationId, write =>
        {
            write.Organization.Rename("Renamed");
            write.Audit(AuditActions.OrganizationRenamed, "organization", write.Organization.Id);
            write.Email("test", "someone@acme.test", "Subject", "Text");
            return Task.FromResult(answer());
        });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_SucceededResult_CommitsTheChange_ItsAuditEvent_AndItsEmail(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<OrganizationWork, Result<bool>>(work => RenameAndAudit(host, work, () => true));

        Assert.True(result.Succeeded);
        await using var db = host.Db();
        Assert.Equal("Renamed", (await db.Organizations.SingleAsync()).Name);
        Assert.Equal(1, await db.AuditEvents.CountAsync());
        Assert.Equal(1, await db.Outbox.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_FailedResult_LeavesNothingBehind(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<OrganizationWork, Result<bool>>(work =>
            RenameAndAudit(host, work, () => Failure.Conflict("test_conflict", "Refused on purpose.")));

        Assert.Equal("test_conflict", result.Failure?.Code);
        await using var db = host.Db();
        Assert.Equal("Acme", (await db.Organizations.SingleAsync()).Name);
        Assert.Equal((0, 0), (await db.AuditEvents.CountAsync(), await db.Outbox.CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task An_Exception_LeavesNothingBehind(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync<OrganizationWork, Result<bool>>(work =>
            RenameAndAudit(host, work, () => throw new InvalidOperationException("a bug"))));

        await using var db = host.Db();
        Assert.Equal("Acme", (await db.Organizations.SingleAsync()).Name);
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }
}
