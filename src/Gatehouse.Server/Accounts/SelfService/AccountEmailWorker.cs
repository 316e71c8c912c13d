using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Email;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Server.Accounts.SelfService;

/// <summary>
/// Turns queued forgot-password and resend-verification requests into outbox emails, one at a time, for the
/// accounts that exist and may sign in. Requests for unknown addresses end here without a trace.
/// </summary>
public sealed partial class AccountEmailWorker(AccountEmailQueue queue, IServiceScopeFactory scopes, TimeProvider time, ILogger<AccountEmailWorker> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(request, stoppingToken);
            }
#pragma warning disable CA1031 // one failed request (database down) must not stop the emails of everyone after it
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, request.Kind, e);
            }
        }
    }

    private async Task SendAsync(AccountEmailRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
        var mail = scope.ServiceProvider.GetRequiredService<IAccountMail>();
        var user = await users.FindByEmailAsync(request.Email);
        // Only people who could sign in with what the email gives them: operators, and members still active somewhere.
        if (user is null || await scope.ServiceProvider.GetRequiredService<SignInEligibility>().RefusalAsync(user, cancellationToken, requireVerifiedEmail: false) is not null)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (request.Kind == AccountEmailKind.PasswordReset)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await mail.QueuePasswordResetAsync(db, user, $"{request.PageLink}?user={user.Id}&token={AccountTokens.Encode(token)}", now, cancellationToken);
        }
        else
        {
            if (user.EmailVerifiedAt is not null)
            {
                return;
            }
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            await mail.QueueEmailVerificationAsync(db, user, user.Email, $"{request.PageLink}?user={user.Id}&token={AccountTokens.Encode(token)}", now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An account email ({Kind}) asked for through a form could not be queued.")]
    private static partial void LogFailed(ILogger logger, AccountEmailKind kind, Exception exception);
}
