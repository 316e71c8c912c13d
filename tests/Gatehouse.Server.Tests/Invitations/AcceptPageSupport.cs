using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>Reading accept links from emails and driving the accept page.</summary>
public static partial class AcceptPageSupport
{
    /// <summary>The password new accounts get in these tests.</summary>
    public const string Password = "a perfectly long password";

    /// <summary>The path and query of the accept link in the newest email of a kind sent to an address (the emailed host is the configured public URL, not the test server's port).</summary>
    public static async Task<string> LinkSentToAsync(this GatehouseApp app, string email, string kind = "invitation")
    {
        var body = await app.InDatabaseAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == kind)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());
        var link = new Uri(AcceptLink().Match(body).Value);
        return link.PathAndQuery;
    }

    /// <summary>An organization on the shared listening server with an admin (grant "admin" organization-wide).</summary>
    public static async Task<(GatehouseApp App, Guid Organization, SeededMember Admin)> OrganizationWithAdminAsync(this ServerPool servers, string store, string firstName, string lastName, string organizationName = "Org")
    {
        var app = await servers.GetListeningAsync(store);
        var organization = await app.CreateOrganizationAsync(organizationName);
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: firstName, lastName: lastName);
        return (app, organization, admin);
    }

    /// <summary>A page in a fresh context (no cookies) at <paramref name="link"/>; the caller disposes its context.</summary>
    public static async Task<IPage> OpenAsync(this Browser browser, GatehouseApp app, string link)
    {
        var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        return page;
    }

    /// <summary>Fills the new-account form and presses Join.</summary>
    public static async Task JoinAsync(this IPage page, string firstName, string lastName, string password = Password, string? confirmation = null)
    {
        await page.GetByLabel("First name").FillAsync(firstName);
        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(confirmation ?? password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
    }

    /// <summary>The field (label, control, messages) around the control labelled <paramref name="label"/>.</summary>
    public static ILocator Field(this IPage page, string label) =>
        page.Locator(".field", new() { Has = page.GetByLabel(label, new() { Exact = true }) });

    /// <summary>Members of an organization, counted in the database.</summary>
    public static Task<int> MemberCountAsync(this GatehouseApp app, Guid organizationId) =>
        app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organizationId));

    [GeneratedRegex(@"https?://\S+/invitations/accept\?token=\S+")]
    private static partial Regex AcceptLink();
}
