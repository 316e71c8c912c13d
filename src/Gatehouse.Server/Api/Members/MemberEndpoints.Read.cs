using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api;

// The list and one member (effective permissions are a check: CheckEndpoints): reads through the access cache, filters in SQL.
public static partial class MemberEndpoints
{
    internal static async Task<IResult> ListAsync(
        Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db,
        Guid? scopeId, string? role, string? type, string? status, bool? fullAccess, string? q, string? sort, string? cursor, int? limit,
        bool? includeServiceAccounts)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit.ToProblem();
        }
        if (ParseSort(sort) is not { } order)
        {
            return Problems.Invalid("sort", ProblemCodes.ValidationFailed, "'sort' must be one of name, -name, email, -email, lastLogin, -lastLogin.");
        }
        if (!Cursor.TryDecode<MemberCursor>(cursor, out var after) || (after is not null && after.Sort != order))
        {
            return Cursor.Invalid().ToProblem();
        }
        if (!TryParseType(type, out var memberType))
        {
            return Problems.Invalid("type", ProblemCodes.ValidationFailed, "'type' must be 'organization' (organization-wide members) or 'scope' (members with scope access only).");
        }
        if (!TryParseStatus(status, out var memberStatus))
        {
            return Problems.Invalid("status", ProblemCodes.ValidationFailed, "'status' must be 'active' or 'deactivated'.");
        }
        if (q is { Length: > MaxSearchLength })
        {
            return Problems.Invalid("q", ProblemCodes.ValidationFailed, $"'q' must be at most {MaxSearchLength} characters.");
        }
        if (role is not null && opened.Organization.FindRole(role) is null)
        {
            return Problems.Invalid("role", ProblemCodes.ValidationFailed, $"There is no role '{role}' in this organization. List the roles to find its key.");
        }
        if (scopeId is { } filterScope && !opened.Organization.HasScope(filterScope))
        {
            return ScopeEndpoints.ScopeNotFound(filterScope);
        }
        var (visibility, refusal) = MemberVisibility.For(opened.Organization, opened.Actor);
        if (visibility is null)
        {
            return Problems.From(refusal);
        }
        var filter = new MemberFilter(scopeId, role, memberType, memberStatus, fullAccess, q?.Trim(), includeServiceAccounts == true);
        var (rows, next) = await MemberDirectory.PageAsync(db, opened, visibility, filter, order, after, limit ?? Cursor.DefaultPageSize, context.RequestAborted);
        return TypedResults.Ok(new Page<MemberDto>([.. rows.Select(r => ToDto(opened, r))], next is null ? null : Cursor.Encode(next)));
    }

    internal static async Task<IResult> GetAsync(Guid organizationId, Guid memberId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        if (VisibleMember.Refusal(opened.Organization, opened.Actor, memberId) is { } unseen)
        {
            return unseen;
        }
        if (await MemberDirectory.RowAsync(db, opened, memberId, context.RequestAborted) is not { } row)
        {
            return MemberNotFound(memberId);
        }
        return TypedResults.Ok(ToDto(opened, row));
    }

    private static bool TryParseType(string? type, out MemberType? parsed)
    {
        parsed = type switch
        {
            "organization" => MemberType.Organization,
            "scope" => MemberType.Scope,
            _ => null,
        };
        return type is null || parsed is not null;
    }

    private static bool TryParseStatus(string? status, out MemberStatus? parsed)
    {
        parsed = status switch
        {
            "active" => MemberStatus.Active,
            "deactivated" => MemberStatus.Deactivated,
            _ => null,
        };
        return status is null || parsed is not null;
    }

    private static MemberSort? ParseSort(string? sort) => sort switch
    {
        null or "name" => MemberSort.Name,
        "-name" => MemberSort.NameDescending,
        "email" => MemberSort.Email,
        "-email" => MemberSort.EmailDescending,
        "lastLogin" => MemberSort.LastLogin,
        "-lastLogin" => MemberSort.LastLoginDescending,
        _ => null,
    };
}
