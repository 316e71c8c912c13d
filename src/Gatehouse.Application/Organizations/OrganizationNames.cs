using System.Collections.Concurrent;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Organizations;

/// <summary>
/// Organizations' names for paths that answer many requests a second, such as a client credentials token's <c>org_name</c>:
/// read once and kept for <see cref="Lifetime"/>. A rename forgets the name at once on the node that made it
/// (<see cref="UpdateOrganizationHandler"/>) and, through PostgreSQL, on the others (<see cref="Access.AccessNotifications"/>).
/// </summary>
public sealed class OrganizationNames(TimeProvider time)
{
    /// <summary>How long a name is kept without a word of a rename (the bound on a missed notification).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (string Name, long Until)> _names = new();
    private long _generation;

    /// <summary>The organization's name, or null when there is no such organization (an absence is not kept).</summary>
    public async ValueTask<string?> GetAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_names.TryGetValue(organizationId, out var kept) && kept.Until > now)
        {
            return kept.Name;
        }
        // A rename between this read and keeping its answer moves the generation on: the answer is then not kept.
        var generation = Interlocked.Read(ref _generation);
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is not null && Interlocked.Read(ref _generation) == generation)
        {
            _names[organizationId] = (name, now + Lifetime.Ticks);
        }
        return name;
    }

    /// <summary>Forgets one organization's name (it was renamed).</summary>
    public void Forget(Guid organizationId)
    {
        Interlocked.Increment(ref _generation);
        _names.TryRemove(organizationId, out _);
    }

    /// <summary>Forgets every name (renames may have gone unannounced).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _names.Clear();
    }
}
