using System.Security.Claims;
using Gatehouse.Server.Oidc;

namespace Gatehouse.Server.Components.Pages.Oidc;

/// <summary>What the provider's pages (organization picker, consent) share.</summary>
public static class OidcPages
{
    /// <summary>The page's prompt when it is genuine, fresh and was made for the person signed in; else null.</summary>
    public static InteractionPrompt? PromptFor(AuthorizationInteraction interaction, string? text, ClaimsPrincipal user) =>
        interaction.Unprotect<InteractionPrompt>(text) is { } prompt && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && prompt.State.UserId == id
            ? prompt
            : null;

    /// <summary>What the scopes let a product do, in words.</summary>
    public static IEnumerable<string> Describe(IEnumerable<string> scopes)
    {
        yield return "know who you are and which organization you use, with your roles there";
        foreach (var scope in scopes)
        {
            var line = scope switch
            {
                "profile" => "see your name",
                "email" => "see your email address",
                "offline_access" => "keep you signed in while you are away",
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }
}
