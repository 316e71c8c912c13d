using System.Text;
using Gatehouse.AspNetCore;
using Microsoft.AspNetCore.Http;
using static ConnectedWorkshop.Pages.Layout;

namespace ConnectedWorkshop.Pages;

/// <summary>
/// One workshop: every button for everyone who may open it (seed 002: "all views and buttons are visible to everyone"),
/// and an action that needs a right the person lacks answers with a notification naming it.
/// </summary>
public static class WorkshopPage
{
    /// <summary>The page with no notification.</summary>
    public static Task<IResult> ShowAsync(Guid workshopId, HttpContext http, IGatehouseSession session, CancellationToken cancellationToken) =>
        RenderAsync(workshopId, http, session, notice: string.Empty, StatusCodes.Status200OK, cancellationToken);

    /// <summary>
    /// Runs a button's action: Gatehouse is asked whether the person holds its permission at this workshop. Allowed, the page
    /// says it was done; refused, it answers 403 with the notification (a form post and the page back: no script needed).
    /// </summary>
    public static async Task<IResult> ActAsync(Guid workshopId, string key, HttpContext http, IGatehouseSession session, IGatehouseAccess access,
        PermissionLabels labels, CancellationToken cancellationToken)
    {
        if (Features.Find(key) is not { } feature)
        {
            return Results.NotFound();
        }
        var decision = await access.CheckAsync(feature.Permission, workshopId, cancellationToken);
        if (decision.Allowed)
        {
            return await RenderAsync(workshopId, http, session, Notice("done", feature.Done), StatusCodes.Status200OK, cancellationToken);
        }
        var sentence = decision.Outcome == AccessOutcome.Missing
            ? await MissingRightAsync(feature.Permission, session, labels, cancellationToken)
            : decision.Reason ?? "This feature cannot be used right now; try again shortly.";
        return await RenderAsync(workshopId, http, session, Notice("refused", sentence), StatusCodes.Status403Forbidden, cancellationToken);
    }

    /// <summary>The refusal in the product's words: the access model's label of the right, and its codename.</summary>
    public static async Task<string> MissingRightAsync(string permission, IGatehouseSession session, PermissionLabels labels, CancellationToken cancellationToken)
    {
        var label = await labels.LabelAsync(await session.CreateClientAsync(), permission, cancellationToken);
        var right = label is null ? $"'{permission}'" : $"'{label}' ({permission})";
        return $"You don't have permission to use this feature: you need {right} here. Ask your account owner or admin.";
    }

    private static async Task<IResult> RenderAsync(Guid workshopId, HttpContext http, IGatehouseSession session, string notice, int status, CancellationToken cancellationToken)
    {
        // RequirePermission already allowed vehicles.view here, so the lookup lists this workshop.
        var mine = await MyWorkshops.LookUpAsync(session, Features.SeeWorkshop, cancellationToken);
        var name = mine.Items.FirstOrDefault(w => w.Id == workshopId)?.Name ?? "Workshop";
        var body = new StringBuilder(notice).Append("<div class=\"actions\">");
        foreach (var feature in Features.All)
        {
            body.Append($"<form method=\"post\" action=\"/workshops/{workshopId}/actions/{feature.Key}\">")
                .Append($"<button type=\"submit\">{H(feature.Button)}</button></form>");
        }
        return Layout.Page(http, name, body.Append("</div>").ToString(), status);
    }
}
