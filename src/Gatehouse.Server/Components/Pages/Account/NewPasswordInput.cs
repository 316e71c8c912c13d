using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Server.Components.Pages.Account;

/// <summary>A new password typed twice, as the reset and change password forms post it.</summary>
public class NewPasswordInput
{
    /// <summary>The new password; Identity's password validators judge it.</summary>
    [Required(ErrorMessage = "Enter a new password.")]
    [MaxLength(200, ErrorMessage = "A password has at most 200 characters.")]
    public string Password { get; set; } = string.Empty;

    /// <summary>The same again.</summary>
    [Required(ErrorMessage = "Enter the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same; type the new password again.")]
    public string Confirmation { get; set; } = string.Empty;
}
