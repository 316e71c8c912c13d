namespace Gatehouse.Core.Model;

/// <summary>One entry of the permission catalog: a <c>resource.action</c> codename with its category and label.</summary>
/// <param name="Code">Codename such as <c>work_orders.create</c>.</param>
/// <param name="Category">Category (resource group) label shown to people, such as "Work Orders".</param>
/// <param name="Label">Label shown to people, such as "Create work orders".</param>
public sealed record Permission(string Code, string Category, string Label)
{
    /// <summary>The label read on its own, as in "You need the 'Create work orders' permission"; <see cref="Label"/> unless the model says otherwise.</summary>
    /// <remarks>Consoles show <see cref="Label"/> under its category, where "Create" is enough; sentences have no category around them.</remarks>
    public string FullLabel { get => field ?? Label; init; }

    /// <summary>Codenames this permission includes ("edit includes view"): whoever holds it holds them too.</summary>
    /// <remarks>Applied when role sets are compiled (<see cref="PermissionCatalog.SetOf"/>), never per check.</remarks>
    public IReadOnlyList<string> Implies { get; init; } = [];

    /// <summary>The resource part of the codename (before the last dot).</summary>
    public string Resource => Code[..Code.LastIndexOf('.')];

    /// <summary>The action part of the codename (after the last dot).</summary>
    public string Action => Code[(Code.LastIndexOf('.') + 1)..];
}
