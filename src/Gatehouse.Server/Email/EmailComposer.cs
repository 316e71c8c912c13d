using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Application.Email;
using Gatehouse.Server.Email.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Gatehouse.Server.Email;

/// <summary>
/// Renders the emails from their Razor templates (Email/Templates) outside any request: an HTML body (names
/// HTML-encoded by Razor) and a plain-text body from a text template, whose rendered output is decoded back
/// so the text holds names exactly as written. Each email gets its own short-lived renderer and service scope.
/// </summary>
public sealed partial class EmailComposer(IServiceScopeFactory scopes, ILoggerFactory loggers) : IEmailComposer
{
    /// <summary>A first invitation.</summary>
    public Task<ComposedEmail> InvitationAsync(InvitationMail mail) =>
        RenderAsync<Invitation, InvitationText>($"{mail.InviterName} invited you to join {mail.OrganizationName}", mail);

    /// <summary>An invitation sent again with a new link.</summary>
    public Task<ComposedEmail> InvitationResentAsync(InvitationMail mail) =>
        RenderAsync<InvitationResent, InvitationResentText>($"Your invitation to join {mail.OrganizationName}: a new link from {mail.InviterName}", mail);

    /// <summary>A password reset link.</summary>
    public Task<ComposedEmail> PasswordResetAsync(PasswordResetMail mail) =>
        RenderAsync<PasswordReset, PasswordResetText>("Reset your password", mail);

    /// <summary>An email verification link.</summary>
    public Task<ComposedEmail> EmailVerificationAsync(EmailVerificationMail mail) =>
        RenderAsync<EmailVerification, EmailVerificationText>("Verify your email address", mail);

    /// <summary>"Your access changed".</summary>
    public Task<ComposedEmail> AccessChangedAsync(AccessChangedMail mail) =>
        RenderAsync<AccessChanged, AccessChangedText>($"Your access in {mail.OrganizationName} changed", mail);

    /// <summary>"You were deactivated".</summary>
    public Task<ComposedEmail> MemberDeactivatedAsync(MembershipEndedMail mail) =>
        RenderAsync<MemberDeactivated, MemberDeactivatedText>($"Your membership of {mail.OrganizationName} was deactivated", mail);

    /// <summary>"You were removed".</summary>
    public Task<ComposedEmail> MemberRemovedAsync(MembershipEndedMail mail) =>
        RenderAsync<MemberRemoved, MemberRemovedText>($"You were removed from {mail.OrganizationName}", mail);

    private async Task<ComposedEmail> RenderAsync<THtml, TText>(string subject, object mail)
        where THtml : IComponent
        where TText : IComponent
    {
        var parameters = new Dictionary<string, object?> { ["Subject"] = subject, ["Mail"] = mail };
        // A scope of its own: with the pages' services registered, rendering resolves scoped services.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var (html, text) = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var htmlOutput = await renderer.RenderComponentAsync<THtml>(ParameterView.FromDictionary(parameters));
            var textOutput = await renderer.RenderComponentAsync<TText>(ParameterView.FromDictionary(parameters));
            return (htmlOutput.ToHtmlString(), textOutput.ToHtmlString());
        });
        return new ComposedEmail(subject, PlainText(text), html);
    }

    /// <summary>The text template's output as text: entities decoded, lines trimmed at the end, at most one blank line in a row.</summary>
    internal static string PlainText(string rendered)
    {
        var lines = WebUtility.HtmlDecode(rendered).ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
