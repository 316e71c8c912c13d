using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>A person of a console test: their membership, email, and a signed-in browser page.</summary>
/// <param name="Member">The membership (its API key and client are there for setting up through the API).</param>
/// <param name="Email">Their email.</param>
/// <param name="Page">A page of their own browser context, signed in.</param>
internal sealed record ConsoleViewer(SeededMember Member, string Email, IPage Page);

/// <summary>What every console browser test does: put a person in an organization and sign them in through the sign-in page.</summary>
internal static class ConsoleBrowsing
{
    /// <summary>
    /// A member of <paramref name="organizationId"/> with <paramref name="grants"/>, signed in through the sign-in page
    /// of a new browser context (closed with <paramref name="contexts"/>).
    /// </summary>
    public static async Task<ConsoleViewer> SignedInMemberAsync(this Browser browser, GatehouseApp app, Guid organizationId, Contexts contexts,
        IEnumerable<GrantSpec>? grants = null, bool fullAccess = false, bool owner = false, string firstName = "Ada", string lastName = "Lovelace")
    {
        var email = $"p{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organizationId, email, grants, fullAccess, owner, firstName, lastName);
        await app.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        // As if they had joined through an invitation, which verifies the email (facilities require it to sign in).
        await app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
            user.VerifyEmail(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var page = await contexts.NewPageAsync(browser, app);
        await AccountBrowsing.SignInAsync(page, email, AccountBrowsing.Password);
        return new ConsoleViewer(member, email, page);
    }

    /// <summary>The shared platform operator (Paula Operator), signed in.</summary>
    public static async Task<IPage> SignedInOperatorAsync(this Browser browser, GatehouseApp app, Contexts contexts)
    {
        var page = await contexts.NewPageAsync(browser, app);
        await AccountBrowsing.SignInAsync(page, "operator@gatehouse.test", "a long operator password");
        return page;
    }
}

/// <summary>The browser contexts a test opened; disposing closes them all.</summary>
internal sealed class Contexts : IAsyncDisposable
{
    private readonly List<IBrowserContext> _opened = [];

    /// <summary>A page in a new context of its own (its own cookies).</summary>
    public async Task<IPage> NewPageAsync(Browser browser, GatehouseApp app)
    {
        var context = await browser.NewContextAsync(app.BaseUrl);
        _opened.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes <paramref name="context"/> with the others.</summary>
    public void Adopt(IBrowserContext context) => _opened.Add(context);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var context in _opened)
        {
            await context.DisposeAsync();
        }
    }
}
