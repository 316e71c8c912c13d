using Gatehouse.Application.Roles;

namespace Gatehouse.Server.Components.Pages.Organizations.Roles;

/// <summary>One column of the matrix: an action such as View or Create.</summary>
/// <param name="Key">What the column's cells have in common (a shared label, an action, or one code).</param>
/// <param name="Label">The column heading.</param>
public sealed record MatrixColumn(string Key, string Label);

/// <summary>One row of the matrix: a catalog category and its permissions by column key.</summary>
/// <param name="Category">The category label.</param>
/// <param name="Cells">The category's permissions by column key; a missing key is an empty cell.</param>
public sealed record MatrixRow(string Category, IReadOnlyDictionary<string, PermissionDto> Cells);

/// <summary>
/// The permission catalog laid out as categories × actions. A permission goes into the column of its label when
/// that label is shared by several categories ("Create" in facilities), else into the column of its codename's
/// action ("view" of <c>vehicles.view</c>), and into a column of its own when its category already fills that
/// column. A column is headed by its cells' label when they share one, else by the action ("View").
/// </summary>
public sealed class PermissionMatrix
{
    private PermissionMatrix(IReadOnlyList<MatrixColumn> columns, IReadOnlyList<MatrixRow> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The columns in catalog order of first use.</summary>
    public IReadOnlyList<MatrixColumn> Columns { get; }

    /// <summary>The rows in catalog order.</summary>
    public IReadOnlyList<MatrixRow> Rows { get; }

    /// <summary>The accessible name of a cell, such as "Work Orders: Create".</summary>
    public static string CellName(MatrixRow row, PermissionDto permission) => $"{row.Category}: {permission.Label}";

    /// <summary>Lays out a catalog.</summary>
    public static PermissionMatrix Of(PermissionCatalogDto catalog)
    {
        var categoriesPerLabel = catalog.Categories
            .SelectMany(c => c.Permissions.Select(p => (Category: c.Label, Key: KeyOf(p.Label))))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Category).Distinct().Count(), StringComparer.Ordinal);
        var order = new List<string>();
        var labels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rows = new List<MatrixRow>();
        foreach (var category in catalog.Categories)
        {
            var cells = new Dictionary<string, PermissionDto>(StringComparer.Ordinal);
            foreach (var permission in category.Permissions)
            {
                var shared = KeyOf(permission.Label);
                var key = categoriesPerLabel[shared] > 1 ? shared : permission.Code[(permission.Code.LastIndexOf('.') + 1)..];
                if (cells.ContainsKey(key))
                {
                    key = permission.Code;
                }
                cells[key] = permission;
                if (!labels.TryGetValue(key, out var seen))
                {
                    order.Add(key);
                    labels[key] = seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }
                seen.Add(permission.Label);
            }
            rows.Add(new MatrixRow(category.Label, cells));
        }
        var columns = order.Select(k => new MatrixColumn(k, labels[k].Count == 1 ? labels[k].Single() : ConsoleWords.Capital(k.Replace('_', ' ')))).ToList();
        return new PermissionMatrix(columns, rows);
    }

    private static string KeyOf(string label) => label.Trim().ToLowerInvariant().Replace(' ', '_');
}
