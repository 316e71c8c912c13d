namespace Gatehouse.Server.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (only for a relay on the same host or a trusted network).</summary>
    None,

    /// <summary>STARTTLS on a plain connection (usually port 587); the server must offer it.</summary>
    StartTls,

    /// <summary>
    /// Implicit TLS from the first byte (port 465). System.Net.Mail cannot do this; the server refuses to start with it
    /// and asks for StartTls on port 587 instead.
    /// </summary>
    Tls,
}

/// <summary>
/// Email delivery: section <c>Gatehouse:Smtp</c>. Without a <see cref="Host"/> nothing is sent: emails stay in the
/// dev mailbox (<c>/dev/mailbox</c>, <c>GET /api/v1/dev/mailbox</c>), readable from this machine only.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gatehouse:Smtp";

    /// <summary>The SMTP server's host name; empty for the dev mailbox.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port (default 587).</summary>
    public int Port { get; set; } = 587;

    /// <summary>None or StartTls (default StartTls). Tls (implicit, port 465) is refused at start.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User name for SMTP authentication; none when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP authentication.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address (required with a host).</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name (default "Gatehouse").</summary>
    public string FromName { get; set; } = "Gatehouse";

    /// <summary>Delivery attempts before a message is failed for good (default 8).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; doubles with each further failure, with jitter (default 30 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between attempts (default 1 h).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks for due messages when nothing wakes it (default 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one SMTP conversation (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a server is configured (otherwise emails stay in the dev mailbox).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>What is wrong with the settings, or null; the server refuses to start with any of it.</summary>
    public string? Problem() =>
        !IsConfigured ? null
        : Security == SmtpSecurity.Tls ? "Gatehouse:Smtp:Security 'Tls' (implicit TLS, usually port 465) is not supported by System.Net.Mail. Use Security 'StartTls' with the server's submission port (usually 587)."
        : Port is < 1 or > 65535 ? $"Gatehouse:Smtp:Port {Port} is not a port number (1 to 65535)."
        : string.IsNullOrWhiteSpace(From) ? "Gatehouse:Smtp:From is required when Gatehouse:Smtp:Host is set: the address emails are sent from."
        : !System.Net.Mail.MailAddress.TryCreate(From, out _) ? $"Gatehouse:Smtp:From '{From}' is not an email address."
        : MaxAttempts < 1 ? "Gatehouse:Smtp:MaxAttempts must be at least 1."
        : RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay ? "Gatehouse:Smtp:RetryBaseDelay must be more than zero and at most RetryMaxDelay."
        : PollInterval <= TimeSpan.Zero || Timeout <= TimeSpan.Zero ? "Gatehouse:Smtp:PollInterval and Timeout must be more than zero."
        : null;
}
