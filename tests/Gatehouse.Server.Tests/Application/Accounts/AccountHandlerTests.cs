using Gatehouse.Application;
using Gatehouse.Application.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Accounts;

/// <summary>A person's own account changes, called directly without a web host, on both stores.</summary>
public sealed class AccountHandlerTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangeProfile_SavesIt_AndAuditsItInTheOrganization_WithBeforeAndAfter(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<ChangeProfileHandler, Result<ProfileDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new ChangeProfileCommand(" Victoria ", "Tester", " +49 30 1234 ")));
        var unchanged = await host.RunAsync<ChangeProfileHandler, Result<ProfileDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new ChangeProfileCommand("Victoria", "Tester", "+49 30 1234")));

        Assert.Equal(("Victoria", "+49 30 1234"), (result.Value.FirstName, result.Value.Phone));
        Assert.True(unchanged.Succeeded);
        await using var db = host.Db();
        Assert.Equal("Victoria", (await db.Users.SingleAsync(u => u.Id == host.Viewer.UserId)).FirstName);
        var changed = await db.AuditEvents.SingleAsync(e => e.Action == "user.profile_changed"); // the unchanged save records nothing
        Assert.Equal((host.OrganizationId, host.Viewer.UserId, "192.0.2.10"), (changed.OrganizationId, changed.ActorUserId, changed.IpAddress));
        Assert.Contains("\"firstName\":\"Vic\"", changed.Before, StringComparison.Ordinal);
        Assert.Contains("\"firstName\":\"Victoria\"", changed.After, StringComparison.Ordinal);
        Assert.Contains(host.Viewer.UserId!.Value, host.Revocations.Forgotten);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangeProfile_WithABadName_IsInvalid_AndChangesNothing_AndTheCliCannotChangeAProfile(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var invalid = await host.RunAsync<ChangeProfileHandler, Result<ProfileDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new ChangeProfileCommand("<b>", "Tester", null)));
        var cli = await host.RunAsync<ChangeProfileHandler, Result<ProfileDto>>(h =>
            h.HandleAsync(Actor.OperatorCli, host.Origin, new ChangeProfileCommand("Any", "One", null)));

        Assert.Equal((FailureKind.Invalid, "firstName"), (invalid.Failure?.Kind, invalid.Failure?.Field));
        Assert.Equal(FailureKind.Forbidden, cli.Failure?.Kind);
        await using var db = host.Db();
        Assert.Equal("Vic", (await db.Users.SingleAsync(u => u.Id == host.Viewer.UserId)).FirstName);
        Assert.False(await db.AuditEvents.AnyAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RequestEmailChange_WithTheWrongPassword_OrATakenAddress_IsRefused_AndSendsNothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var wrong = await host.RunAsync<RequestEmailChangeHandler, Result<VerificationSent>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new RequestEmailChangeCommand("new@acme.test", "not the password")));

        Assert.Equal((FailureKind.Invalid, "currentPassword"), (wrong.Failure?.Kind, wrong.Failure?.Field));
        await using var db = host.Db();
        Assert.False(await db.Outbox.AnyAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SendVerificationEmail_QueuesALinkOnThePublicUrl(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<SendVerificationEmailHandler, Result<VerificationSent>>(h => h.HandleAsync(host.Viewer, host.Origin));

        Assert.Equal("vic@acme.test", result.Value.Email);
        await using var db = host.Db();
        var queued = await db.Outbox.SingleAsync();
        Assert.Equal(("email_verification", "vic@acme.test"), (queued.Kind, queued.To));
        Assert.StartsWith(UseCaseHost.PublicUrl + "/account/verify-email?user=" + host.Viewer.UserId, queued.TextBody, StringComparison.Ordinal);
    }
}
