using Gatehouse.Application;
using Gatehouse.Application.Platform;
using Gatehouse.Core.Model;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Components.Pages.Organizations;
using Microsoft.AspNetCore.Components;

namespace Gatehouse.Server.Components.Pages.Platform;

/// <summary>
/// A page for the product's platform operators (product support). Anyone else gets the refusal the platform API
/// answers them with (403 <c>platform_operator_required</c>), shown as a notice, and the page renders nothing else;
/// the actions themselves are refused again by the use cases they call.
/// </summary>
public abstract class PlatformPage : ComponentBase
{
    /// <summary>The request.</summary>
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>The deployment's access model (its words for an organization, its roles).</summary>
    [Inject]
    protected AccessModel Model { get; set; } = default!;

    /// <summary>Why the page is not shown; null for a platform operator.</summary>
    protected Failure? Refusal { get; private set; }

    /// <summary>The model's word for organizations, capitalised and plural ("Organisations", "Workspaces").</summary>
    protected string Organizations => ConsoleWords.Capital(Model.OrganizationLabel) + "s";

    /// <inheritdoc />
    protected sealed override async Task OnInitializedAsync()
    {
        if (!HttpContext.Actor().IsPlatformOperator)
        {
            Refusal = Failure.Forbidden(PlatformCodes.PlatformOperatorRequired,
                "These pages are for the product's platform operators (product support). Ask product support to make this change.");
            HttpContext.AnswerWith(Refusal);
            return;
        }
        await OnOperatorAsync();
    }

    /// <summary>Loads the page for an operator (also before a form post is handled).</summary>
    protected virtual Task OnOperatorAsync() => Task.CompletedTask;

    /// <summary>Answers a refused action with the API's status code (the page itself still renders).</summary>
    protected void AnswerWith(Failure failure) => HttpContext.AnswerWith(failure);
}
