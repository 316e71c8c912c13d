using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Application.Accounts;

/// <summary>A person's choice of time zone for the console's times.</summary>
/// <param name="TimeZone">An IANA name ("Europe/Berlin"); null or blank for UTC.</param>
/// <param name="OnlyIfUnset">True when the browser offers its own zone: kept only while the profile has none, never over a choice.</param>
public sealed record ChooseTimeZoneCommand(string? TimeZone, bool OnlyIfUnset = false);

/// <summary>The time zone the profile holds afterwards (null for UTC), and whether this call changed it.</summary>
public sealed record TimeZoneChoice(string? TimeZone, bool Changed);

/// <summary>
/// A person sets the time zone the console shows their times in. A display preference of their own: no organization sees it,
/// so nothing is audited or reloaded.
/// </summary>
public sealed class ChooseTimeZoneHandler(UserManager<User> users)
{
    /// <summary>The saved choice, or why it was refused (nothing changed then).</summary>
    public async Task<Result<TimeZoneChoice>> HandleAsync(Actor actor, ChooseTimeZoneCommand command, CancellationToken cancellationToken = default)
    {
        var own = await AccountChange.OwnAccountAsync(users, actor);
        if (!own.Succeeded)
        {
            return own.Failure;
        }
        var wanted = string.IsNullOrWhiteSpace(command.TimeZone) ? null : command.TimeZone.Trim();
        if (wanted is not null && TimeZones.Find(wanted) is null)
        {
            return Failure.Invalid("timeZone", AccountCodes.UnknownTimeZone,
                "That time zone is not one this server knows; choose one from the list (an IANA name such as Europe/Berlin).");
        }
        var user = own.Value;
        if ((command.OnlyIfUnset && user.TimeZone is not null) || user.TimeZone == wanted)
        {
            return new TimeZoneChoice(user.TimeZone, Changed: false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        user.ChooseTimeZone(wanted);
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            throw new InvalidOperationException($"Saving a validated time zone failed: {string.Join(" ", saved.Errors.Select(e => e.Description))}");
        }
        return new TimeZoneChoice(wanted, Changed: true);
    }
}
