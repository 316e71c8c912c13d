using Gatehouse.Server.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Gatehouse.Application.Email;

namespace Gatehouse.Server.Tests.Email;

/// <summary>Every template renders a subject, a text body and an HTML body naming what the reader needs.</summary>
public sealed class EmailTemplateTests
{
    private const string Script = "<script>alert('x')</script> & Co";
    private static readonly DateTimeOffset Expiry = new(2031, 5, 6, 7, 8, 0, TimeSpan.Zero);
    private static readonly EmailComposer Composer = new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);

    private static InvitationMail Invitation(string organization = "Riverside Clinics") =>
        new(organization, "organization", "Ann Admin", [new GrantLine("Manager rights", "Riverside"), new GrantLine("Basic rights", "the whole organization")],
            FullAccess: false, "http://127.0.0.1/invitations/accept?token=ghi_abc&x=1", Expiry, "Bea");

    [Fact]
    public async Task Invitation_NamesOrganizationInviterAccessLinkAndExpiry()
    {
        var email = await Composer.InvitationAsync(Invitation());

        Assert.Equal("Ann Admin invited you to join Riverside Clinics", email.Subject);
        foreach (var body in new[] { email.Text, email.Html })
        {
            Assert.Contains("Hello Bea,", body, StringComparison.Ordinal);
            Assert.Contains("Riverside Clinics", body, StringComparison.Ordinal);
            Assert.Contains("Manager rights", body, StringComparison.Ordinal);
            Assert.Contains("2031-05-06 07:08 UTC", body, StringComparison.Ordinal);
            Assert.Contains("ask Ann Admin to resend it", body, StringComparison.Ordinal);
        }
        Assert.Contains("- Manager rights at Riverside\n- Basic rights at the whole organization\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("\nhttp://127.0.0.1/invitations/accept?token=ghi_abc&x=1\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1/invitations/accept?token=ghi_abc&amp;x=1\"", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_EncodesNamesInHtml_AndKeepsThemVerbatimInText()
    {
        var email = await Composer.InvitationAsync(Invitation(Script));

        Assert.DoesNotContain("<script>", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("join " + Script + ".", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", email.Text, StringComparison.Ordinal);
        Assert.Equal("Ann Admin invited you to join " + Script, email.Subject);
    }

    [Fact]
    public async Task Text_KeepsNonAsciiNamesAndEntitiesAsWritten()
    {
        var email = await Composer.InvitationAsync(Invitation("Zoë & Søren &amp; Ärzte"));

        Assert.Contains("join Zoë & Søren &amp; Ärzte.", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationResent_SaysEarlierLinksStopWorking()
    {
        var email = await Composer.InvitationResentAsync(Invitation());

        Assert.Equal("Your invitation to join Riverside Clinics: a new link from Ann Admin", email.Subject);
        Assert.Contains("Links in earlier emails about this invitation no longer work.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Links in earlier emails about this invitation no longer work.", email.Html, StringComparison.Ordinal);
        Assert.Contains("token=ghi_abc", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_HasTheLink()
    {
        var email = await Composer.PasswordResetAsync(new PasswordResetMail("Bea Baker", "http://127.0.0.1/account/reset?token=r1"));

        Assert.Equal("Reset your password", email.Subject);
        Assert.Contains("Hello Bea Baker,", email.Text, StringComparison.Ordinal);
        Assert.Contains("\nhttp://127.0.0.1/account/reset?token=r1\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1/account/reset?token=r1\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailVerification_NamesTheAddress()
    {
        var email = await Composer.EmailVerificationAsync(new EmailVerificationMail("Bea", "bea@example.com", "http://127.0.0.1/account/verify?token=v1"));

        Assert.Equal("Verify your email address", email.Subject);
        Assert.Contains("Confirm that bea@example.com is your email address:\nhttp://127.0.0.1/account/verify?token=v1\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>bea@example.com</strong>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessChanged_ListsWhatTheMemberHoldsNow()
    {
        var email = await Composer.AccessChangedAsync(new AccessChangedMail("Riverside", "workshop group", "Bea", "Ann Admin", [new GrantLine("Basic rights", "North")], FullAccess: true, IsOwner: false));

        Assert.Equal("Your access in Riverside changed", email.Subject);
        Assert.Contains("Ann Admin changed your access in Riverside. You now have:\n- Full access: every permission everywhere in the workshop group\n- Basic rights at North\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Basic rights</strong> at North", email.Html, StringComparison.Ordinal);
        Assert.Contains("ask Ann Admin or another administrator", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessChanged_WithNothingLeft_SaysSo()
    {
        var email = await Composer.AccessChangedAsync(new AccessChangedMail("Riverside", "organization", "Bea", "Ann Admin", [], FullAccess: false, IsOwner: false));

        Assert.Contains("You now have:\n- No roles at the moment\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("No roles at the moment.", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberDeactivated_SaysWhoAndWhomToAsk()
    {
        var email = await Composer.MemberDeactivatedAsync(new MembershipEndedMail("Riverside", "organization", "Bea", "Ann Admin"));

        Assert.Equal("Your membership of Riverside was deactivated", email.Subject);
        Assert.Contains("Ann Admin deactivated your membership of Riverside.", email.Text, StringComparison.Ordinal);
        Assert.Contains("ask Ann Admin or another administrator of the organization to reactivate you", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberRemoved_SaysWhoAndWhomToAsk()
    {
        var email = await Composer.MemberRemovedAsync(new MembershipEndedMail("Riverside", "account", "Bea", "Product support"));

        Assert.Equal("You were removed from Riverside", email.Subject);
        Assert.Contains("Product support removed you from Riverside.", email.Text, StringComparison.Ordinal);
        Assert.Contains("to invite you again", email.Html, StringComparison.Ordinal);
    }
}
