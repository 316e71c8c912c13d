using Gatehouse.Application;
using Gatehouse.Application.Accounts;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Accounts;

/// <summary>A password reset through the emailed link, called directly without a web host, on both stores.</summary>
public sealed class ResetPasswordHandlerTests
{
    private static Task<string> TokenFor(UseCaseHost host, Guid userId) =>
        host.RunAsync<UserManager<User>, string>(async users => await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(userId.ToString()))!));

    private static Task<Result<bool>> Reset(UseCaseHost host, Guid userId, string token, string password) =>
        host.RunAsync<ResetPasswordHandler, Result<bool>>(h => h.HandleAsync(host.Origin, new ResetPasswordCommand(userId.ToString(), token, password)));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_valid_link_sets_the_password_once_verifies_the_email_and_audits_it_then_is_gone(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var userId = host.Viewer.UserId!.Value;
        var token = await TokenFor(host, userId);

        Assert.True(await host.RunAsync<ResetPasswordHandler, bool>(h => h.IsUsableAsync(userId.ToString(), token)));
        var first = await Reset(host, userId, token, "a brand new passphrase");
        var again = await Reset(host, userId, token, "another new passphrase");

        Assert.True(first.Value);
        Assert.Equal((FailureKind.Gone, AccountCodes.ResetLinkInvalid), (again.Failure?.Kind, again.Failure?.Code));
        Assert.True(await host.RunAsync<UserManager<User>, bool>(async users =>
            await users.CheckPasswordAsync((await users.FindByIdAsync(userId.ToString()))!, "a brand new passphrase")));
        await using var db = host.Db();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == userId)).EmailVerifiedAt);
        var audited = await db.AuditEvents.SingleAsync(e => e.Action == Gatehouse.Core.Audit.AuditActions.PasswordReset);
        Assert.Equal((host.OrganizationId, userId.ToString(), "192.0.2.10"), (audited.OrganizationId, audited.TargetId, audited.IpAddress));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_password_the_rules_refuse_is_invalid_on_its_field_and_changes_nothing(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var userId = host.Viewer.UserId!.Value;
        var token = await TokenFor(host, userId);

        var result = await Reset(host, userId, token, "short");

        Assert.Equal((FailureKind.Invalid, AccountCodes.PasswordRejected), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Equal(["password"], result.Failure!.Fields.Keys);
        Assert.True(await host.RunAsync<ResetPasswordHandler, bool>(h => h.IsUsableAsync(userId.ToString(), token)));
        await using var db = host.Db();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == Gatehouse.Core.Audit.AuditActions.PasswordReset));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task A_made_up_link_is_gone(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await Reset(host, host.Viewer.UserId!.Value, "not-a-token", "a brand new passphrase");

        Assert.Equal(FailureKind.Gone, result.Failure?.Kind);
        Assert.False(await host.RunAsync<ResetPasswordHandler, bool>(h => h.IsUsableAsync(Guid.NewGuid().ToString(), "not-a-token")));
    }
}
