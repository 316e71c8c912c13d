using Gatehouse.Application;
using Gatehouse.Application.Work;
using Gatehouse.Core.Model;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Components;

namespace Gatehouse.Server.Components.Pages.Organizations;

/// <summary>
/// A console page inside one organization (<c>/orgs/{OrganizationId}/…</c>). The organization is opened the way the
/// API opens it (<see cref="OrganizationReads"/>): a person who is not an active member (and not a platform operator)
/// gets the same refusal, shown as a notice with the API's status code, and the page renders nothing else.
/// </summary>
public abstract class OrganizationPage : ComponentBase
{
    /// <summary>The organization from the address.</summary>
    [Parameter]
    public Guid OrganizationId { get; set; }

    /// <summary>The request.</summary>
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>Opens organizations for reading, as the API's use cases do.</summary>
    [Inject]
    protected OrganizationReads Reads { get; set; } = default!;

    /// <summary>The deployment's access model: the words and roles every label comes from.</summary>
    [Inject]
    protected AccessModel Model { get; set; } = default!;

    /// <summary>The organization as the viewer may see it; null when refused.</summary>
    protected OpenedOrganization? Opened { get; private set; }

    /// <summary>Why the organization could not be opened; null when it was.</summary>
    protected Failure? Refusal { get; private set; }

    /// <summary>The words of the access model for this page's labels.</summary>
    protected ConsoleWords Words => ConsoleWords.Of(Model);

    /// <inheritdoc />
    protected sealed override async Task OnInitializedAsync()
    {
        var opened = await Reads.OpenAsync(HttpContext.Actor(), OrganizationId, HttpContext.RequestAborted);
        if (!opened.Succeeded)
        {
            Refusal = opened.Failure;
            HttpContext.AnswerWith(Refusal);
            return;
        }
        Opened = opened.Value;
        await OnOpenedAsync();
    }

    /// <summary>Loads the page once the organization is open (also before a form post is handled).</summary>
    protected virtual Task OnOpenedAsync() => Task.CompletedTask;

    /// <summary>Shows a refused action's answer with the API's status code (the page itself still renders).</summary>
    protected void AnswerWith(Failure failure) => HttpContext.AnswerWith(failure);
}
