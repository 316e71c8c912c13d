using System.Text;
using Gatehouse.AspNetCore;
using static ConnectedWorkshop.Pages.Layout;

namespace ConnectedWorkshop.Pages;

/// <summary>The workshops the person may use in the session's organisation, from Gatehouse's places lookup.</summary>
public static class WorkshopsPage
{
    /// <summary>Renders the list (every workshop when they hold <see cref="Features.SeeWorkshop"/> organisation-wide).</summary>
    public static async Task<Microsoft.AspNetCore.Http.IResult> ShowAsync(Microsoft.AspNetCore.Http.HttpContext http, IGatehouseSession session, CancellationToken cancellationToken)
    {
        var workshops = await MyWorkshops.LookUpAsync(session, Features.SeeWorkshop, cancellationToken);
        var body = new StringBuilder();
        body.Append(workshops.OrganizationWide
            ? "<p>You may use every workshop of the organisation.</p>"
            : "<p>The workshops you may use:</p>");
        if (workshops.Items.Count == 0)
        {
            body.Append("<p id=\"no-workshops\">None yet. Ask your account owner or admin for access to a workshop.</p>");
        }
        body.Append("<ul id=\"workshops\">");
        foreach (var workshop in workshops.Items)
        {
            body.Append($"<li><a href=\"/workshops/{workshop.Id}\">{H(workshop.Name)}</a></li>");
        }
        return Page(http, "Workshops", body.Append("</ul>").ToString());
    }
}
