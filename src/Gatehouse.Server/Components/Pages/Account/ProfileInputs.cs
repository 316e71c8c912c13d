using System.ComponentModel.DataAnnotations;
using Gatehouse.Server.Api.Shared;

namespace Gatehouse.Server.Components.Pages.Account;

/// <summary>The name and phone a person edits on their profile.</summary>
public sealed class ProfileInput
{
    /// <summary>First name.</summary>
    [PersonName(ErrorMessage = "Enter a first name of 1 to 100 characters, without '<' or '>'.")]
    public string FirstName { get; set; } = string.Empty;

    /// <summary>Last name.</summary>
    [PersonName(ErrorMessage = "Enter a last name of 1 to 100 characters, without '<' or '>'.")]
    public string LastName { get; set; } = string.Empty;

    /// <summary>Phone number, or empty for none.</summary>
    [PhoneNumber(ErrorMessage = "Enter a phone number of 3 to 40 digits, spaces and ( ) - . / with an optional leading +, or leave it empty.")]
    public string? Phone { get; set; }
}

/// <summary>The time zone chosen on the profile; checked by the use case (an IANA name this machine knows), blank for UTC.</summary>
public sealed class TimeZoneInput
{
    /// <summary>The IANA name, or empty.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>A request to move the account to another email address.</summary>
public sealed class EmailChangeInput
{
    /// <summary>The new address.</summary>
    [Required(ErrorMessage = "Enter the new email address.")]
    [MaxLength(320, ErrorMessage = "An email address has at most 320 characters.")]
    public string NewEmail { get; set; } = string.Empty;

    /// <summary>The password, so a session left open cannot move the account away from its owner.</summary>
    [Required(ErrorMessage = "Enter your current password.")]
    [MaxLength(200, ErrorMessage = "A password has at most 200 characters.")]
    public string CurrentPassword { get; set; } = string.Empty;
}

/// <summary>A person's first or last name as the API accepts it (<see cref="Validation.IsPersonName"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonNameAttribute : ValidationAttribute
{
    /// <inheritdoc/>
    public override bool IsValid(object? value) => Validation.IsPersonName((value as string)?.Trim());
}

/// <summary>An optional phone number as the API accepts it (<see cref="Validation.IsPhone"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    /// <inheritdoc/>
    public override bool IsValid(object? value) => value is not string phone || string.IsNullOrWhiteSpace(phone) || Validation.IsPhone(phone.Trim());
}
