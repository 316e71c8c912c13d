using Gatehouse.Application.Work;
using Gatehouse.Core.Organizations;

namespace Gatehouse.Application.Organizations;

/// <summary>An organization.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Display name.</param>
/// <param name="Plan">Service plan name.</param>
/// <param name="SeatLimit">Licensed seats, or null for no limit.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record OrganizationDto(Guid Id, string Name, string Plan, int? SeatLimit, DateTimeOffset CreatedAt)
{
    /// <summary>The view of a stored organization (also what audit events record of it).</summary>
    public static OrganizationDto Of(Organization o) => new(o.Id, o.Name, o.Plan, o.SeatLimit, o.CreatedAt);
}

/// <summary>Rules on an organization's plan that creating and changing one share.</summary>
public static class PlanRules
{
    /// <summary>The failure for a plan name or seat limit out of range, or null.</summary>
    public static Failure? Check(string? plan, int? seatLimit) =>
        plan is not null && (plan.Length > 100 || string.IsNullOrWhiteSpace(plan)) ? Failure.Invalid("plan", WorkCodes.ValidationFailed, "'plan' must be 1 to 100 characters.")
        : seatLimit is < 0 or > 10_000_000 ? Failure.Invalid("seatLimit", WorkCodes.ValidationFailed, "'seatLimit' must be between 0 and 10,000,000, or left out for no limit.")
        : null;

    /// <summary>The refusal when someone other than product support asks for what only they may do.</summary>
    public static Failure OperatorOnly(string sentence) => Failure.Forbidden(OrganizationCodes.PlatformOperatorRequired, sentence);
}
