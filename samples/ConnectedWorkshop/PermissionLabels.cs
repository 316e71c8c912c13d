using System.Collections.Concurrent;
using Gatehouse.Client;

namespace ConnectedWorkshop;

/// <summary>
/// The access model's labels of permissions ("Edit bookings"), read from Gatehouse's catalog (<c>GET /api/v1/permissions</c>)
/// once per process: the model changes only when Gatehouse restarts with another one. A failed read is not remembered.
/// </summary>
public sealed class PermissionLabels
{
    private readonly ConcurrentDictionary<string, string> _labels = new(StringComparer.Ordinal);

    /// <summary>The label of <paramref name="permission"/>, or null when the catalog cannot be read or has none.</summary>
    public async Task<string?> LabelAsync(IGatehouseClient client, string permission, CancellationToken cancellationToken)
    {
        if (_labels.IsEmpty)
        {
            try
            {
                var catalog = await client.ListPermissionsAsync(cancellationToken);
                foreach (var entry in catalog.Categories.SelectMany(c => c.Permissions))
                {
                    _labels[entry.Code] = entry.Label;
                }
            }
            catch (Exception e) when (e is GatehouseApiException or HttpRequestException or TaskCanceledException)
            {
                return null;   // the notification then names the codename alone
            }
        }
        return _labels.GetValueOrDefault(permission);
    }
}
