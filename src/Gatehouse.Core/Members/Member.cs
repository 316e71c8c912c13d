using Gatehouse.Core.Errors;

namespace Gatehouse.Core.Members;

/// <summary>A user's membership of one organization.</summary>
public sealed class Member
{
    private Member() { }

    /// <summary>Creates an active membership.</summary>
    public Member(Guid id, Guid organizationId, Guid userId, DateTimeOffset joinedAt, bool isOwner = false, bool hasFullAccess = false, ManagedBy managedBy = ManagedBy.Gatehouse)
    {
        Id = id;
        OrganizationId = organizationId;
        UserId = userId;
        JoinedAt = joinedAt;
        IsOwner = isOwner;
        HasFullAccess = hasFullAccess;
        ManagedBy = managedBy;
        Status = MemberStatus.Active;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>Active or deactivated.</summary>
    public MemberStatus Status { get; private set; }

    /// <summary>An owner holds every permission and is protected (only an owner changes an owner).</summary>
    public bool IsOwner { get; private set; }

    /// <summary>Full access bypasses every permission check in the organization.</summary>
    public bool HasFullAccess { get; private set; }

    /// <summary>Gatehouse or an external provisioning source.</summary>
    public ManagedBy ManagedBy { get; private set; }

    /// <summary>When the user joined.</summary>
    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>When the member was deactivated, while deactivated.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Optimistic concurrency version of the member's access; bumped on every access change.</summary>
    public int Version { get; private set; }

    /// <summary>True when the member is active.</summary>
    public bool IsActive => Status == MemberStatus.Active;

    /// <summary>Ends the member's access to the organization; grants are kept for reactivation.</summary>
    public Result Deactivate(DateTimeOffset at)
    {
        if (Status == MemberStatus.Deactivated)
        {
            return new Error("member_already_deactivated", "This member is already deactivated.");
        }
        Status = MemberStatus.Deactivated;
        DeactivatedAt = at;
        Version++;
        return Result.Success;
    }

    /// <summary>Restores access (callers check for a free seat first).</summary>
    public Result Reactivate()
    {
        if (Status == MemberStatus.Active)
        {
            return new Error("member_already_active", "This member is already active.");
        }
        Status = MemberStatus.Active;
        DeactivatedAt = null;
        Version++;
        return Result.Success;
    }

    /// <summary>Turns full access on or off.</summary>
    public void SetFullAccess(bool enabled)
    {
        HasFullAccess = enabled;
        Version++;
    }

    /// <summary>Makes the member an owner or not.</summary>
    public void SetOwner(bool owner)
    {
        IsOwner = owner;
        Version++;
    }

    /// <summary>Records that the member's grants changed, so concurrent edits with the old version are refused.</summary>
    public void TouchAccess() => Version++;
}
