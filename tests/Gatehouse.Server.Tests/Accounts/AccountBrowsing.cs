using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>What the account page tests do again and again: sign in through the page, read the link an email carries.</summary>
internal static partial class AccountBrowsing
{
    /// <summary>A password long enough for the password rules.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>A member of a new organization with <see cref="Password"/>, and their email.</summary>
    public static async Task<(SeededMember Member, string Email, Guid OrganizationId)> MemberWithPasswordAsync(GatehouseApp app, string firstName = "Ada", string lastName = "Lovelace")
    {
        var organizationId = await app.CreateOrganizationAsync("Org " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"p{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organizationId, email, firstName: firstName, lastName: lastName);
        await app.SetPasswordAsync(member.UserId, Password);
        return (member, email, organizationId);
    }

    /// <summary>Fills and sends the sign-in form.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await SubmitSignInAsync(page, email, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Welcome") })).ToBeVisibleAsync();
    }

    /// <summary>True when the context's session still opens the home page (not sent to sign-in).</summary>
    public static async Task<bool> IsSignedInAsync(IPage page)
    {
        await page.GotoAsync("/");
        return !page.Url.Contains("/account/sign-in", StringComparison.Ordinal);
    }

    /// <summary>The path and query of the account link in the newest email of <paramref name="kind"/> to <paramref name="to"/>, waiting for it to be queued.</summary>
    public static async Task<string> EmailLinkAsync(GatehouseApp app, string to, string kind)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var bodies = await app.InDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to && m.Kind == kind).ToListAsync());
            if (bodies.OrderByDescending(m => m.CreatedAt).FirstOrDefault() is { } message)
            {
                var link = Link().Match(message.TextBody);
                Assert.True(link.Success, $"No account link in: {message.TextBody}");
                return new Uri(link.Value).PathAndQuery;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No {kind} email to {to} was queued.");
    }

    /// <summary>How many audit events of <paramref name="action"/> an organization's log holds.</summary>
    public static Task<int> AuditCountAsync(GatehouseApp app, Guid organizationId, string action) =>
        app.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.OrganizationId == organizationId && e.Action == action));

    /// <summary>How many emails of <paramref name="kind"/> went to <paramref name="to"/>.</summary>
    public static Task<int> EmailCountAsync(GatehouseApp app, string to, string kind) =>
        app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == to && m.Kind == kind));

    [GeneratedRegex(@"https?://[^\s""<>]+/account/[^\s""<>]+")]
    private static partial Regex Link();
}
