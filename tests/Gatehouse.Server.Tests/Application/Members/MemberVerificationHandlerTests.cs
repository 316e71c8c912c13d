using Gatehouse.Application;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Members;
using Gatehouse.Application.Paging;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>Seed 003's "the verification status is tracked": on the member, as a list filter in SQL, and resent by administrators; both stores.</summary>
public sealed class MemberVerificationHandlerTests
{
    private static Task<Result<Page<MemberDto>>> List(UseCaseHost host, Actor actor, bool? verified) =>
        host.RunAsync<ListMembersHandler, Result<Page<MemberDto>>>(h => h.HandleAsync(actor, new ListMembersQuery(host.OrganizationId, Sort: "email", EmailVerified: verified)));

    private static Task<Result<VerificationSent>> Resend(UseCaseHost host, Actor actor, Guid memberId) =>
        host.RunAsync<ResendMemberVerificationHandler, Result<VerificationSent>>(h =>
            h.HandleAsync(actor, host.Origin, new ResendMemberVerificationCommand(host.OrganizationId, memberId)));

    private static async Task VerifyAsync(UseCaseHost host, Guid memberId)
    {
        await using var db = host.Db();
        var userId = await db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync();
        (await db.Users.SingleAsync(u => u.Id == userId)).VerifyEmail(TimeProvider.System.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private static async Task<string[]> VerificationEmailsAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        return await db.Outbox.Where(o => o.Kind == VerificationMail.Kind).Select(o => o.To).ToArrayAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_FilteredByEmailVerified_ShowsOnlyThoseWhoVerified_OrOnlyThoseWhoDidNot_WithTheFieldOnEachRow(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);
        await VerifyAsync(host, seed.MaxMemberId);

        var verified = await List(host, host.Owner, true);
        var unverified = await List(host, host.Owner, false);
        var all = await List(host, host.Owner, null);

        Assert.Equal(["max@acme.test"], verified.Value.Items.Select(m => m.Email));
        Assert.True(verified.Value.Items[0].EmailVerified);
        Assert.NotNull(verified.Value.Items[0].EmailVerifiedAt);
        Assert.Equal(["nina@acme.test", "olivia@acme.test", "sue@acme.test", "vic@acme.test"], unverified.Value.Items.Select(m => m.Email));
        Assert.All(unverified.Value.Items, m => Assert.Equal((false, null), (m.EmailVerified, m.EmailVerifiedAt)));
        Assert.Equal(5, all.Value.Items.Count);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Resend_ByTheManager_QueuesTheEmail_AViewerMayNot_AndAVerifiedAddressIsAConflict(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var seed = await MemberSeed.AddAsync(host);

        var sent = await Resend(host, seed.Nina, seed.MaxMemberId);
        var byViewer = await Resend(host, host.Viewer, seed.MaxMemberId);
        var hidden = await Resend(host, seed.Nina, seed.SueMemberId);
        await VerifyAsync(host, seed.MaxMemberId);
        var again = await Resend(host, seed.Nina, seed.MaxMemberId);

        Assert.Equal("max@acme.test", sent.Value.Email);
        Assert.Equal(["max@acme.test"], await VerificationEmailsAsync(host));
        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (byViewer.Failure?.Kind, byViewer.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, MemberCodes.NotFound), (hidden.Failure?.Kind, hidden.Failure?.Code));
        Assert.Equal((FailureKind.Conflict, AccountCodes.AlreadyVerified), (again.Failure?.Kind, again.Failure?.Code));
        Assert.Equal("Max Tester verified max@acme.test already; there is nothing to resend.", again.Failure!.Sentence);
    }
}
