using System.Threading.Channels;

namespace Gatehouse.Server.Accounts.SelfService;

/// <summary>Which email an anonymous form asked for.</summary>
public enum AccountEmailKind
{
    /// <summary>A password reset link.</summary>
    PasswordReset,

    /// <summary>A new link to verify the account's email address.</summary>
    EmailVerification,
}

/// <summary>An email an anonymous form asked for: the address typed and the absolute link to the page the email points at.</summary>
public sealed record AccountEmailRequest(AccountEmailKind Kind, string Email, string PageLink);

/// <summary>
/// The forgot-password and resend-verification forms only put the typed address here and answer at once; the
/// <see cref="AccountEmailWorker"/> looks the account up later. The answer then costs the same whether or not an
/// account exists, so its timing does not tell. Bounded: a flood fills the queue and further requests are dropped
/// (the rate limit on these forms keeps honest use far below it).
/// </summary>
public sealed class AccountEmailQueue
{
    private readonly Channel<AccountEmailRequest> _channel = Channel.CreateBounded<AccountEmailRequest>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Queues the request; false when the queue is full.</summary>
    public bool TryQueue(AccountEmailRequest request) => _channel.Writer.TryWrite(request);

    /// <summary>What the worker reads.</summary>
    internal ChannelReader<AccountEmailRequest> Reader => _channel.Reader;
}
