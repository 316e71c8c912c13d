using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Gatehouse.Data.Records;

namespace Gatehouse.Server.Email;

/// <summary>Hands one outbox message to the configured SMTP server (System.Net.Mail): plain text with an HTML alternative.</summary>
public static class SmtpSender
{
    /// <summary>The Message-ID of an outbox message: the same for every attempt, so receivers can tell a repeat.</summary>
    public static string MessageId(Guid id, SmtpOptions options)
    {
        var from = options.From ?? "gatehouse@localhost";
        var domain = from[(from.LastIndexOf('@') + 1)..];
        return $"<{id:N}@{domain}>";
    }

    /// <summary>Sends the message; returns when the server accepted it, throws otherwise.</summary>
    public static async Task SendAsync(OutboxMessage message, SmtpOptions options, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.Host, options.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = options.Security == SmtpSecurity.StartTls,
            Timeout = (int)Math.Min(int.MaxValue, options.Timeout.TotalMilliseconds),
        };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }
        using var mail = new MailMessage
        {
            From = new MailAddress(options.From!, options.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.To));
        if (message.HtmlBody is { Length: > 0 } html)
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html));
        }
        mail.Headers.Add("Message-ID", MessageId(message.Id, options));
        await client.SendMailAsync(mail, cancellationToken);
    }
}
