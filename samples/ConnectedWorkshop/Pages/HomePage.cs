using Gatehouse.AspNetCore;
using static ConnectedWorkshop.Pages.Layout;

namespace ConnectedWorkshop.Pages;

/// <summary>Home: who is signed in, for which organisation, and for managers the way to Gatehouse's user management.</summary>
public static class HomePage
{
    /// <summary>Renders the page; the manager's link needs <see cref="Features.ManageUsers"/> somewhere in the organisation.</summary>
    public static async Task<Microsoft.AspNetCore.Http.IResult> ShowAsync(Microsoft.AspNetCore.Http.HttpContext http, IGatehouseSession session, SampleSettings settings, CancellationToken cancellationToken)
    {
        var who = session.Identity!;
        var managers = await MyWorkshops.LookUpAsync(session, Features.ManageUsers, cancellationToken);
        var body = $"<p>Signed in as <strong id=\"person\">{H(who.Name)}</strong> ({H(who.Email)}) in {H(who.OrganizationName)}.</p>"
            + "<p><a href=\"/workshops\">Your workshops</a></p>"
            + (managers.Any
                ? $"<p><a id=\"manage-users\" href=\"{H(settings.UsersPage(who.OrganizationId).ToString())}\">Manage users in Gatehouse</a></p>"
                : string.Empty);
        return Page(http, "Connected Workshop", body);
    }
}
