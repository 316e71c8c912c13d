using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Gatehouse.Server.Tests.Support;

/// <summary>Filling in and posting the pages' forms over HTTP, as a browser would, for tests that read raw answers.</summary>
public static partial class PageForms
{
    /// <summary>A client that keeps cookies, does not follow redirects and asks for HTML, like a browser.</summary>
    public static HttpClient PageClient(this GatehouseApp app)
    {
        // A listening server's own clients follow redirects whatever the options say: talk to it over a plain socket handler.
        var client = app.IsListening
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = app.BaseUrl }
            : app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    /// <summary>
    /// Opens the page at <paramref name="path"/>, fills the form that has those controls (or posts to
    /// <paramref name="action"/>) by id, and posts it; without <paramref name="withToken"/> the antiforgery token is left out.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, IReadOnlyDictionary<string, string> valuesById, bool withToken = true, string? action = null)
    {
        var page = await client.GetAsync(path);
        page.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = document.Forms.First(f => valuesById.Keys.All(id => f.Elements.Any(e => e.Id == id)) && (action is null || f.GetAttribute("action") == action));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)))
        {
            if (input.Name == "__RequestVerificationToken" && !withToken)
            {
                continue;
            }
            fields.Add(new(input.Name!, valuesById.TryGetValue(input.Id ?? string.Empty, out var value) ? value : input.Value));
        }
        return await client.PostAsync(action ?? path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens the page at <paramref name="path"/> and posts its form named <paramref name="formName"/>, with the values given by field name.</summary>
    public static async Task<HttpResponseMessage> SubmitNamedAsync(this HttpClient client, string path, string formName, IReadOnlyDictionary<string, string>? valuesByName = null)
    {
        var page = await client.GetAsync(path);
        page.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = document.Forms.First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == formName));
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, valuesByName?.GetValueOrDefault(i.Name!) ?? i.Value));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the sign-in form.</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, bool withToken = true) =>
        client.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password }, withToken);

    /// <summary>The page without the parts that differ on every request (antiforgery token values).</summary>
    public static string WithoutTokens(string html) => TokenValue().Replace(html, "name=\"__RequestVerificationToken\" value=\"…\"");

    /// <summary>The session cookie's Set-Cookie header, or null.</summary>
    public static string? SessionCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("gatehouse.session=", StringComparison.Ordinal)) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex TokenValue();
}
