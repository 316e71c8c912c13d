namespace Gatehouse.Server.Components;

/// <summary>
/// Sets the status of a console page's response without losing the page. Razor components answer a GET whose status
/// changed while rendering with no body at all when status code pages are on (they expect the status code page to
/// take over), so the refusal notice the page rendered would be replaced by the generic "Page not found" page. The
/// status is therefore applied when the response starts, after the page has been rendered.
/// </summary>
public static class ResponseStatus
{
    private static readonly object Key = new();

    /// <summary>Answers with <paramref name="status"/> and the page as rendered; the last call wins.</summary>
    public static void Set(HttpContext context, int status)
    {
        var first = !context.Items.ContainsKey(Key);
        context.Items[Key] = status;
        if (first)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.StatusCode = (int)context.Items[Key]!;
                return Task.CompletedTask;
            });
        }
    }
}
