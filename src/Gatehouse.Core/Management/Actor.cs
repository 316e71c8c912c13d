namespace Gatehouse.Core.Management;

/// <summary>Kinds of actor the management policy knows.</summary>
public enum ActorKind
{
    /// <summary>A user acting through their membership of the organization.</summary>
    Member,

    /// <summary>The deployment owner's staff (product support), acting on any organization.</summary>
    PlatformOperator,
}

/// <summary>Who asks to manage: a member of the organization (by user) or a platform operator.</summary>
public sealed record Actor
{
    private Actor(ActorKind kind, Guid userId)
    {
        Kind = kind;
        UserId = userId;
    }

    /// <summary>Member or platform operator.</summary>
    public ActorKind Kind { get; }

    /// <summary>The acting user.</summary>
    public Guid UserId { get; }

    /// <summary>A user acting through their membership of the organization being managed.</summary>
    public static Actor Member(Guid userId) => new(ActorKind.Member, userId);

    /// <summary>A platform operator (product support).</summary>
    public static Actor PlatformOperator(Guid userId) => new(ActorKind.PlatformOperator, userId);
}
