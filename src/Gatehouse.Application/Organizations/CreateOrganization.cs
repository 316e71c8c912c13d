using Gatehouse.Application.Audit;
using Gatehouse.Application.Input;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;

namespace Gatehouse.Application.Organizations;

/// <summary>An organization to create.</summary>
/// <param name="Name">Display name (1 to 200 characters; trimmed).</param>
/// <param name="Plan">Service plan name, or null for <c>standard</c>.</param>
/// <param name="SeatLimit">Licensed seats, or null for no limit.</param>
public sealed record CreateOrganizationCommand(string? Name, string? Plan, int? SeatLimit);

/// <summary>Creates an organization; only the product's platform operators (and the operator CLI) may.</summary>
public sealed class CreateOrganizationHandler(GatehouseDb db, TimeProvider time)
{
    /// <summary>The created organization, or why it was not created.</summary>
    public async Task<Result<OrganizationDto>> HandleAsync(Actor actor, Origin origin, CreateOrganizationCommand command, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return PlanRules.OperatorOnly("Only the product's platform operators create organizations. Ask product support.");
        }
        if ((InputRules.Name(command.Name, "name") ?? PlanRules.Check(command.Plan, command.SeatLimit)) is { } invalid)
        {
            return invalid;
        }
        var now = time.ChangeTime();
        var organization = new Organization(Guid.CreateVersion7(now), command.Name!.Trim(), command.Plan?.Trim() ?? "standard", command.SeatLimit, now);
        db.Organizations.Add(organization);
        AuditLog.Record(db, organization.Id, actor, AuditActions.OrganizationCreated, "organization", organization.Id, null, OrganizationDto.Of(organization), now,
            origin.ClientAddress);
        await db.SaveChangesAsync(cancellationToken);
        return OrganizationDto.Of(organization);
    }
}
