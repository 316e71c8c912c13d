using Gatehouse.Core.Members;

namespace Gatehouse.Application.Members;

/// <summary>The filters of the member list, already validated.</summary>
public sealed record MemberFilter(
    Guid? ScopeId,
    string? RoleKey,
    MemberType? Type,
    MemberStatus? Status,
    bool? FullAccess,
    string? Text,
    bool IncludeServiceAccounts,
    bool? EmailVerified = null);
