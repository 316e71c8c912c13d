namespace ConnectedWorkshop;

/// <summary>A button of a workshop's page and the permission (a workshops preset codename) its action needs there.</summary>
/// <param name="Key">The action's address segment (<c>/workshops/{id}/actions/{key}</c>).</param>
/// <param name="Button">What the button says.</param>
/// <param name="Permission">The codename Gatehouse checks at the workshop.</param>
/// <param name="Done">What the sample says when the action was allowed.</param>
public sealed record Feature(string Key, string Button, string Permission, string Done);

/// <summary>Every button a workshop's page shows, to everyone who may open it.</summary>
public static class Features
{
    /// <summary>The buttons, in page order; managers may use all of them, basic rights lack customers.edit and bookings.edit.</summary>
    public static readonly IReadOnlyList<Feature> All =
    [
        new("diagnose", "Run vehicle diagnostics", "vehicles.diagnose", "Diagnostics started."),
        new("create-booking", "Create booking", "bookings.create", "Booking created."),
        new("edit-booking", "Edit booking", "bookings.edit", "Booking saved."),
        new("edit-customer", "Edit customer", "customers.edit", "Customer saved."),
        new("use-tools", "Use workshop tools", "tools.use", "Tools unlocked."),
    ];

    /// <summary>The permission that lets a person see a workshop at all (and so lists it under Workshops).</summary>
    public const string SeeWorkshop = "vehicles.view";

    /// <summary>Who gets the link to Gatehouse's user management: people who may invite users somewhere (managers).</summary>
    public const string ManageUsers = "members.invite";

    /// <summary>The feature of an action key, or null.</summary>
    public static Feature? Find(string key) => All.FirstOrDefault(f => f.Key == key);
}
