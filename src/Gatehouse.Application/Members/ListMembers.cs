using Gatehouse.Application.Grants;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Scopes;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Which members to list: filters, a sort and a page (values as the API takes them; the handler checks them).</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ScopeId">Everyone with access at this scope.</param>
/// <param name="Role">Holders of this role key; <c>inline</c> for holders of a one-off ("Custom") role where the model has them.</param>
/// <param name="Type">organization or scope.</param>
/// <param name="Status">active or deactivated.</param>
/// <param name="FullAccess">Only members with (or without) full access.</param>
/// <param name="Search">Free text in the name or email.</param>
/// <param name="Sort">name, -name, email, -email, lastLogin or -lastLogin; null for name.</param>
/// <param name="Cursor">The next page's cursor, or null for the first page.</param>
/// <param name="Limit">The page size, or null for the default.</param>
/// <param name="IncludeServiceAccounts">Also list the organization's service accounts.</param>
/// <param name="EmailVerified">Only members who have (or have not) verified their email address.</param>
public sealed record ListMembersQuery(Guid OrganizationId, Guid? ScopeId = null, string? Role = null, string? Type = null, string? Status = null,
    bool? FullAccess = null, string? Search = null, string? Sort = null, string? Cursor = null, int? Limit = null, bool IncludeServiceAccounts = false,
    bool? EmailVerified = null);

/// <summary>
/// The member list: the members the actor may see (everyone with <c>members.view</c> on the organization; otherwise
/// themself and the members of the scopes where they hold it), filtered in SQL, in keyset pages; each row says what
/// the actor may do with that member.
/// </summary>
public sealed class ListMembersHandler(OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The values 'sort' takes, as the API spells them.</summary>
    public static readonly IReadOnlyList<string> SortValues = ["name", "-name", "email", "-email", "lastLogin", "-lastLogin"];

    /// <summary>The values 'type' takes.</summary>
    public static readonly IReadOnlyList<string> TypeValues = ["organization", "scope"];

    /// <summary>The values 'status' takes.</summary>
    public static readonly IReadOnlyList<string> StatusValues = ["active", "deactivated"];

    /// <summary>One page of the members <paramref name="actor"/> may see.</summary>
    public async Task<Result<Page<MemberDto>>> HandleAsync(Actor actor, ListMembersQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var opened = open.Value;
        if (Cursor.CheckLimit(query.Limit) is { } badLimit)
        {
            return badLimit;
        }
        if (ParseSort(query.Sort) is not { } order)
        {
            return Failure.Invalid("sort", WorkCodes.ValidationFailed, "'sort' must be one of name, -name, email, -email, lastLogin, -lastLogin.");
        }
        if (!Cursor.TryDecode<MemberCursor>(query.Cursor, out var after) || (after is not null && after.Sort != order))
        {
            return Cursor.Invalid();
        }
        if (!TryParseType(query.Type, out var memberType))
        {
            return Failure.Invalid("type", WorkCodes.ValidationFailed, "'type' must be 'organization' (organization-wide members) or 'scope' (members with scope access only).");
        }
        if (!TryParseStatus(query.Status, out var memberStatus))
        {
            return Failure.Invalid("status", WorkCodes.ValidationFailed, "'status' must be 'active' or 'deactivated'.");
        }
        if (query.Search is { Length: > MemberViews.MaxSearchLength })
        {
            return Failure.Invalid("q", WorkCodes.ValidationFailed, $"'q' must be at most {MemberViews.MaxSearchLength} characters.");
        }
        if (query.Role is { } role && opened.Organization.FindRole(role) is null
            && !(role == GrantRequest.InlineRoleKey && opened.Organization.Model.Policies.InlineRoles))
        {
            return Failure.Invalid("role", WorkCodes.ValidationFailed, $"There is no role '{role}' in this organization. List the roles to find its key.");
        }
        if (query.ScopeId is { } filterScope && !opened.Organization.HasScope(filterScope))
        {
            return ScopeLookup.NotFound(filterScope);
        }
        var (visibility, refusal) = MemberVisibility.For(opened.Organization, opened.Policy);
        if (visibility is null)
        {
            return Failure.From(refusal);
        }
        var filter = new MemberFilter(query.ScopeId, query.Role, memberType, memberStatus, query.FullAccess, query.Search?.Trim(), query.IncludeServiceAccounts, query.EmailVerified);
        var (rows, next) = await MemberDirectory.PageAsync(db, opened, visibility, filter, order, after, query.Limit ?? Cursor.DefaultPageSize, cancellationToken);
        return new Page<MemberDto>([.. rows.Select(r => MemberViews.ToDto(opened, r))], next is null ? null : Cursor.Encode(next));
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
