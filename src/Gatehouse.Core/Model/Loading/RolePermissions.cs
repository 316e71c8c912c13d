namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads a role's permission list, expanding wildcards against the catalog.</summary>
internal static class RolePermissions
{
    public static IReadOnlyList<string> Read(ModelReader reader, MappingFields role, CatalogDraft catalog)
    {
        if (role.RequiredList("permissions") is not { } list)
        {
            return [];
        }
        var listPath = role.PathOf("permissions");
        if (list.Children.Count == 0)
        {
            reader.Report(list, listPath, ModelErrorCodes.EmptyRole, "the role lists no permission; give it some or remove it.");
        }
        var held = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var where = Location.Of(list.Children[i], Location.Item(listPath, i));
            if (reader.Text(list.Children[i], where.Path, "a permission") is not { } entry)
            {
                continue;
            }
            if (!entry.Contains('*'))
            {
                CheckKnown(reader, where, entry, catalog);
                held.Add(entry);
            }
            else if (Codename.Wildcard(entry) is not { } matches)
            {
                reader.Report(where, ModelErrorCodes.InvalidPattern, $"'{entry}' is not a wildcard the format knows; use '*', 'resource.*' or '*.action'.");
            }
            else if (catalog.Permissions.Where(matches).Select(p => p.Code).ToArray() is { Length: > 0 } codes)
            {
                held.UnionWith(codes);
            }
            else
            {
                reader.Report(where, ModelErrorCodes.UnknownPermission, $"'{entry}' matches no permission in the catalog; fix the wildcard or remove it from the role.");
            }
        }
        // Catalog order, so a role reads the same wherever it is listed.
        return [.. catalog.Permissions.Select(p => p.Code).Where(held.Contains)];
    }

    private static void CheckKnown(ModelReader reader, Location where, string code, CatalogDraft catalog)
    {
        if (catalog.Declared.Contains(code))
        {
            return;
        }
        var hint = KeySuggestion.Closest(code, catalog.Declared) is { } near ? $" (did you mean '{near}'?)" : "";
        reader.Report(where, ModelErrorCodes.UnknownPermission, $"unknown permission '{code}'{hint}; add it to the catalog or remove it from the role.");
    }
}
