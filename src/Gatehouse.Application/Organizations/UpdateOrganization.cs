using Gatehouse.Application.Access;
using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Organizations;

/// <summary>A change to an organization: its name, and (platform operators only) its plan and seat limit.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Name">The new name, or null to keep it.</param>
/// <param name="Plan">The new plan, or null to keep it.</param>
/// <param name="SeatLimit">The new seat limit, or null to keep it.</param>
/// <param name="RemoveSeatLimit">True to remove the seat limit.</param>
public sealed record UpdateOrganizationCommand(Guid OrganizationId, string? Name, string? Plan, int? SeatLimit, bool RemoveSeatLimit);

/// <summary>Renames an organization (<c>organization.manage</c> on it) and/or changes its plan and seats (platform operators).</summary>
public sealed class UpdateOrganizationHandler(OrganizationWork work, OrganizationNames names)
{
    /// <summary>The organization as changed, or why nothing was changed.</summary>
    public async Task<Result<OrganizationDto>> HandleAsync(Actor actor, Origin origin, UpdateOrganizationCommand command, CancellationToken cancellationToken = default)
    {
        var result = await work.RunAsync(actor, origin, command.OrganizationId, async write =>
        {
            var updated = Update(write, command);
            if (updated.Succeeded && command.Name is not null)
            {
                await AccessNotifications.NotifyRenamedAsync(write.Db, command.OrganizationId, cancellationToken);
            }
            return updated;
        }, cancellationToken);
        if (result.Succeeded && command.Name is not null)
        {
            names.Forget(command.OrganizationId);
        }
        return result;
    }

    private static Result<OrganizationDto> Update(WriteContext write, UpdateOrganizationCommand command)
    {
        var organization = write.Organization;
        var before = OrganizationDto.Of(organization);
        if (command.Name is not null)
        {
            if (InputRules.Name(command.Name, "name") is { } invalid)
            {
                return invalid;
            }
            var decision = RequirePermission.Evaluate(write.Compiled, write.Policy, ManagementPermissions.ManageOrganization, null);
            if (!decision.IsAllowed)
            {
                return Failure.From(decision);
            }
            organization.Rename(command.Name.Trim());
            write.Audit(AuditActions.OrganizationRenamed, "organization", organization.Id, before, OrganizationDto.Of(organization));
        }
        if (command.Plan is not null || command.SeatLimit is not null || command.RemoveSeatLimit)
        {
            if (!write.Actor.IsPlatformOperator)
            {
                return PlanRules.OperatorOnly("Only the product's platform operators change the plan and the seat limit. Ask product support.");
            }
            var seatLimit = command.RemoveSeatLimit ? null : command.SeatLimit ?? organization.SeatLimit;
            if (PlanRules.Check(command.Plan ?? organization.Plan, seatLimit) is { } invalid)
            {
                return invalid;
            }
            var planBefore = OrganizationDto.Of(organization);
            organization.ChangePlan(command.Plan?.Trim() ?? organization.Plan, seatLimit);
            write.Audit(AuditActions.OrganizationPlanChanged, "organization", organization.Id, planBefore, OrganizationDto.Of(organization));
        }
        return OrganizationDto.Of(organization);
    }
}
