using System.Net.Mail;
using System.Security.Cryptography;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gatehouse.Application.Email;

namespace Gatehouse.Server.Email;

/// <summary>
/// Delivers the outbox: claims due messages one by one (an atomic UPDATE that only one node can win while the
/// claim's lease runs), hands each to the SMTP server and marks it sent right after the server accepted it.
/// A failure counts an attempt, records the error (never the body or credentials) and waits with exponential
/// backoff and jitter; after <see cref="SmtpOptions.MaxAttempts"/> the message is failed until an operator
/// retries it. Without an SMTP host, messages are kept in the dev mailbox (marked sent there).
/// </summary>
public sealed partial class OutboxDelivery(IDbContextFactory<GatehouseDb> databases, IOptions<SmtpOptions> options, OutboxSignal signal, TimeProvider time,
    ILogger<OutboxDelivery> logger) : BackgroundService
{
    /// <summary>Messages looked at per pass.</summary>
    public const int BatchSize = 20;

    private const int MaxErrorLength = 500;

    /// <summary>How long a claim holds a message: the SMTP timeout and a minute more.</summary>
    private TimeSpan Lease => options.Value.Timeout + TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the worker must outlive a database hiccup; the next pass tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, e);
            }
            if (handled < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: claims and delivers up to <see cref="BatchSize"/> due messages; returns how many were due.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            var claim = Guid.NewGuid();
            var at = time.GetUtcNow();
            var until = at + Lease;
            var claimed = await db.Outbox
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < at))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, claim), cancellationToken);
            if (claimed == 1 && await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } message)
            {
                await DeliverAsync(db, message, claim, cancellationToken);
            }
        }
        return due.Count;
    }

    private async Task DeliverAsync(GatehouseDb db, OutboxMessage message, Guid claim, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            await MarkSentAsync(db, message.Id, OutboxStatus.ViaDevMailbox);
            return;
        }
        try
        {
            await SmtpSender.SendAsync(message, smtp, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-conversation: the claim runs out and a node tries again.
            throw;
        }
        catch (Exception e) when (e is SmtpException or FormatException or InvalidOperationException or IOException or System.Net.Sockets.SocketException
            or TimeoutException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            await RecordFailureAsync(db, message, claim, e);
            return;
        }
        await MarkSentAsync(db, message.Id, OutboxStatus.ViaSmtp);
        LogSent(logger, message.Id, message.Kind, message.Attempts + 1);
    }

    private async Task MarkSentAsync(GatehouseDb db, Guid id, string via)
    {
        var now = time.GetUtcNow();
        // Not cancellable: once the server has the message, recording that is what keeps it from going out twice.
        await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.DeliveredVia, via)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (Guid?)null), CancellationToken.None);
    }

    private async Task RecordFailureAsync(GatehouseDb db, OutboxMessage message, Guid claim, Exception error)
    {
        var smtp = options.Value;
        var attempts = message.Attempts + 1;
        // A recipient address that System.Net.Mail cannot use will not get better by waiting.
        var failed = attempts >= smtp.MaxAttempts || error is FormatException;
        var now = time.GetUtcNow();
        var next = now + Backoff(attempts, smtp);
        var description = Describe(error);
        // Only while still pending: a message superseded meanwhile stays superseded.
        await db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == claim && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, description)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.ClaimedBy, (Guid?)null), CancellationToken.None);
        if (failed)
        {
            LogFailedForGood(logger, message.Id, message.Kind, attempts, description);
        }
        else
        {
            LogAttemptFailed(logger, message.Id, message.Kind, attempts, smtp.MaxAttempts, next, description);
        }
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: base × 2^(attempts−1), capped, then between half and all of it.</summary>
    public static TimeSpan Backoff(int attempts, SmtpOptions smtp)
    {
        var exponential = smtp.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 40));
        var capped = Math.Min(exponential, smtp.RetryMaxDelay.TotalMilliseconds);
        var jitter = 0.5 + (RandomNumberGenerator.GetInt32(0, 1001) / 2000.0);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    /// <summary>What went wrong, for operators: exception types and messages (System.Net.Mail never puts credentials or bodies in them).</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add(e is SmtpException smtp ? $"{e.Message} (SMTP status {(int)smtp.StatusCode} {smtp.StatusCode})" : e.Message);
        }
        var text = string.Join(" ← ", parts.Distinct());
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {Id} ({Kind}) was accepted by the SMTP server on attempt {Attempt}.")]
    private static partial void LogSent(ILogger logger, Guid id, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Id} ({Kind}) could not be sent (attempt {Attempt} of {MaxAttempts}); next attempt at {Next:o}: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid id, string kind, int attempt, int maxAttempts, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} ({Kind}) failed for good after {Attempts} attempts: {Error}. An operator can retry it (POST /api/v1/platform/outbox/{{id}}/retry).")]
    private static partial void LogFailedForGood(ILogger logger, Guid id, string kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker could not read or update the outbox; it tries again shortly.")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
