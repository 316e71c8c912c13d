namespace Gatehouse.Core.Organizations;

/// <summary>A tenant: one customer account, market or workspace.</summary>
public sealed class Organization
{
    private Organization()
    {
        Name = string.Empty;
        Plan = string.Empty;
    }

    /// <summary>Creates an organization with a seat limit (null means unlimited).</summary>
    public Organization(Guid id, string name, string plan, int? seatLimit, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Plan = plan;
        SeatLimit = seatLimit;
        CreatedAt = createdAt;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Display name.</summary>
    public string Name { get; private set; }

    /// <summary>The service plan's name.</summary>
    public string Plan { get; private set; }

    /// <summary>Licensed seats; null means no limit.</summary>
    public int? SeatLimit { get; private set; }

    /// <summary>Counts changes to who may do what here; caches compare it to know they are current.</summary>
    public long AccessVersion { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Records that access in the organization changed.</summary>
    public void BumpAccessVersion() => AccessVersion++;

    /// <summary>Gives the organization a new name.</summary>
    public void Rename(string name) => Name = name;

    /// <summary>Moves the organization to another plan with its seat limit.</summary>
    public void ChangePlan(string plan, int? seatLimit)
    {
        Plan = plan;
        SeatLimit = seatLimit;
    }
}
