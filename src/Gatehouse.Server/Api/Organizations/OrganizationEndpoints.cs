using Gatehouse.Core.Audit;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Seats;

namespace Gatehouse.Server.Api;

/// <summary>Organizations (tenants) and their seats.</summary>
public static class OrganizationEndpoints
{
    /// <summary>Creating an organization (platform operators).</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="Plan">Service plan name.</param>
    /// <param name="SeatLimit">Licensed seats, or null for no limit.</param>
    public sealed record CreateOrganizationRequest(string Name, string? Plan, int? SeatLimit);

    /// <summary>Changing an organization: a member with <c>organization.manage</c> renames; only platform operators change plan and seats.</summary>
    public sealed record UpdateOrganizationRequest(string? Name, string? Plan, int? SeatLimit, bool? RemoveSeatLimit);

    /// <summary>An organization.</summary>
    public sealed record OrganizationDto(Guid Id, string Name, string Plan, int? SeatLimit, DateTimeOffset CreatedAt);

    /// <summary>Seat usage.</summary>
    /// <param name="Used">Seats taken.</param>
    /// <param name="Limit">Licensed seats, or null.</param>
    /// <param name="Free">Seats left, or null without a limit.</param>
    /// <param name="Counting">Which members count: <c>active_members</c> or <c>active_members_and_pending_invitations</c>.</param>
    public sealed record SeatsDto(int Used, int? Limit, int? Free, SeatCounting Counting);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");

        group.MapPost("/", CreateAsync)
            .WithSummary("Creates an organization (platform operators).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", ListAsync)
            .WithSummary("Lists the organizations the caller belongs to (platform operators: all), by name, in cursor pages.");

        group.MapGet("/{organizationId:guid}", GetAsync)
            .WithSummary("One organization.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{organizationId:guid}", UpdateAsync)
            .WithSummary("Renames an organization, or (platform operators) changes its plan and seat limit.")
            .Produces<OrganizationDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{organizationId:guid}/seats", SeatsAsync)
            .WithSummary("Seats used, the limit and how they are counted.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<OrganizationDto>, ProblemHttpResult>> CreateAsync(
        CreateOrganizationRequest request, HttpContext context, GatehouseDb db, TimeProvider time)
    {
        var caller = context.Caller();
        if (!caller.IsPlatformOperator)
        {
            return Problem(Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators create organizations. Ask product support."));
        }
        if ((Validation.Name(request.Name, "name") ?? Validation.Plan(request.Plan, request.SeatLimit)) is { } invalid)
        {
            return Problem(invalid);
        }
        var now = time.ChangeTime();
        var organization = new Organization(Guid.CreateVersion7(now), request.Name.Trim(), request.Plan?.Trim() ?? "standard", request.SeatLimit, now);
        db.Organizations.Add(organization);
        AuditLog.Record(db, organization.Id, caller, AuditActions.OrganizationCreated, "organization", organization.Id, null, ToDto(organization), now,
            context.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", ToDto(organization));
    }

    internal static async Task<Results<Ok<Page<OrganizationDto>>, ProblemHttpResult>> ListAsync(
        HttpContext context, GatehouseDb db, string? cursor, int? limit)
    {
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return Problem(badLimit.ToProblem());
        }
        if (!Cursor.TryDecode<NameKey>(cursor, out var after))
        {
            return Problem(Cursor.Invalid().ToProblem());
        }
        var caller = context.Caller();
        var query = db.Organizations.AsNoTracking();
        if (!caller.IsPlatformOperator)
        {
            query = query.Where(o => db.Members.Any(m => m.OrganizationId == o.Id && m.UserId == caller.UserId));
        }
        if (caller.ServiceOrganizationId is { } own)
        {
            query = query.Where(o => o.Id == own);
        }
        if (after is not null)
        {
            query = query.Where(o => string.Compare(o.Name, after.Name) > 0 || (o.Name == after.Name && o.Id.CompareTo(after.Id) > 0));
        }
        var size = limit ?? Cursor.DefaultPageSize;
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(size + 1).ToListAsync(context.RequestAborted);
        var next = rows.Count > size ? Cursor.Encode(new NameKey(rows[size - 1].Name, rows[size - 1].Id)) : null;
        return TypedResults.Ok(new Page<OrganizationDto>([.. rows.Take(size).Select(ToDto)], next));
    }

    internal static async Task<Results<Ok<OrganizationDto>, ProblemHttpResult>> GetAsync(
        Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (await read.OpenAsync(context, organizationId) is null
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, context.RequestAborted) is not { } organization)
        {
            return Problem(read.Refusal(organizationId));
        }
        return TypedResults.Ok(ToDto(organization));
    }

    internal static Task<IResult> UpdateAsync(Guid organizationId, UpdateOrganizationRequest request, OrganizationWork work) =>
        work.RunAsync(organizationId, write =>
        {
            var organization = write.Organization;
            var before = ToDto(organization);
            if (request.Name is not null)
            {
                if (Validation.Name(request.Name, "name") is { } invalid)
                {
                    return Task.FromResult(invalid);
                }
                var decision = Core.Management.RequirePermission.Evaluate(write.Compiled, write.Actor, ManagementPermissions.ManageOrganization, null);
                if (!decision.IsAllowed)
                {
                    return Task.FromResult(Problems.From(decision));
                }
                organization.Rename(request.Name.Trim());
                write.Audit(AuditActions.OrganizationRenamed, "organization", organization.Id, before, ToDto(organization));
            }
            if (request.Plan is not null || request.SeatLimit is not null || request.RemoveSeatLimit == true)
            {
                if (!write.Caller.IsPlatformOperator)
                {
                    return Task.FromResult(Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators change the plan and the seat limit. Ask product support."));
                }
                var seatLimit = request.RemoveSeatLimit == true ? null : request.SeatLimit ?? organization.SeatLimit;
                if (Validation.Plan(request.Plan ?? organization.Plan, seatLimit) is { } invalid)
                {
                    return Task.FromResult(invalid);
                }
                var planBefore = ToDto(organization);
                organization.ChangePlan(request.Plan?.Trim() ?? organization.Plan, seatLimit);
                write.Audit(AuditActions.OrganizationPlanChanged, "organization", organization.Id, planBefore, ToDto(organization));
            }
            return Task.FromResult<IResult>(TypedResults.Ok(ToDto(organization)));
        }, CancellationToken.None);

    internal static async Task<Results<Ok<SeatsDto>, ProblemHttpResult>> SeatsAsync(
        Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db, AccessModel model, TimeProvider time)
    {
        if (await read.OpenAsync(context, organizationId) is null
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, context.RequestAborted) is not { } organization)
        {
            return Problem(read.Refusal(organizationId));
        }
        var usage = await SeatCount.CountAsync(db, organization, model, time.GetUtcNow(), context.RequestAborted);
        return TypedResults.Ok(new SeatsDto(usage.Used, usage.Limit, usage.Free, usage.Counting));
    }

    /// <summary>The answer shape of an organization.</summary>
    public static OrganizationDto ToDto(Organization o) => new(o.Id, o.Name, o.Plan, o.SeatLimit, o.CreatedAt);

    private static ProblemHttpResult Problem(IResult result) => (ProblemHttpResult)result;

    private sealed record NameKey(string Name, Guid Id);
}
