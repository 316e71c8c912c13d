using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads <c>categories</c>: the permission catalog grouped by category.</summary>
internal static class CatalogSection
{
    private static readonly string[] CategoryKeys = ["label", "inlineRoles", "permissions"];
    private static readonly string[] PermissionKeys = ["code", "label", "fullLabel", "implies"];

    public static CatalogDraft Read(ModelReader reader, MappingFields root)
    {
        var draft = new Builder();
        if (root.RequiredList("categories") is not { } categories)
        {
            return draft.Build();
        }
        if (categories.Children.Count == 0)
        {
            reader.Report(categories, "categories", ModelErrorCodes.EmptyCatalog, "the catalog has no category; add at least one with its permissions.");
            return draft.Build();
        }
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Children.Count; i++)
        {
            var path = Location.Item("categories", i);
            if (reader.Mapping(categories.Children[i], path, CategoryKeys, "a category") is not { } category)
            {
                continue;
            }
            var label = category.RequiredText("label");
            if (label is not null && !labels.TryAdd(label, category.Where.Line))
            {
                reader.Report(category.Where, ModelErrorCodes.DuplicateCategory, $"category '{label}' is already declared at line {labels[label]}; merge the two.");
            }
            var inline = category.OptionalBool("inlineRoles", false);
            if (inline)
            {
                draft.FirstInlineCategory ??= Location.Of(category.Optional("inlineRoles")!, category.PathOf("inlineRoles"));
            }
            ReadPermissions(reader, category, label ?? "", inline, draft);
        }
        var missing = ManagementPermissions.All.Where(code => !draft.FirstLine.ContainsKey(code)).ToArray();
        if (missing.Length > 0)
        {
            reader.Report(categories, "categories", ModelErrorCodes.MissingManagementPermission,
                $"the catalog lacks the management permission{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; " +
                "every catalog holds all eight, even when no role uses them, so add them to a category.");
        }
        ImpliesRules.Check(reader, draft.Implications, draft.FirstLine.Keys.ToHashSet(StringComparer.Ordinal));
        return draft.Build();
    }

    private static void ReadPermissions(ModelReader reader, MappingFields category, string categoryLabel, bool inline, Builder draft)
    {
        if (category.RequiredList("permissions") is not { } permissions)
        {
            return;
        }
        if (permissions.Children.Count == 0)
        {
            reader.Report(permissions, category.PathOf("permissions"), ModelErrorCodes.EmptyCategory, "the category has no permission; add some or remove the category.");
        }
        for (var j = 0; j < permissions.Children.Count; j++)
        {
            var path = Location.Item(category.PathOf("permissions"), j);
            if (reader.Mapping(permissions.Children[j], path, PermissionKeys, "a permission") is not { } entry)
            {
                continue;
            }
            var code = entry.RequiredText("code");
            var label = entry.RequiredText("label");
            var fullLabel = entry.OptionalText("fullLabel", label ?? "");
            if (code is null || label is null || !IsNewValidCode(reader, entry, code, draft))
            {
                continue;
            }
            var implies = ImpliesRules.Read(reader, entry, code, draft.Implications);
            draft.Permissions.Add(new Permission(code, categoryLabel, label) { FullLabel = fullLabel, Implies = implies });
            if (inline)
            {
                draft.Inline.Add(code);
            }
        }
    }

    private static bool IsNewValidCode(ModelReader reader, MappingFields entry, string code, Builder draft)
    {
        var where = Location.Of(entry.Optional("code")!, entry.PathOf("code"));
        if (draft.FirstLine.TryGetValue(code, out var firstLine))
        {
            reader.Report(where, ModelErrorCodes.DuplicatePermission, $"permission '{code}' is already declared at line {firstLine}; codenames are unique across all categories.");
            return false;
        }
        draft.FirstLine[code] = where.Line;
        if (!Codename.IsValid(code))
        {
            reader.Report(where, ModelErrorCodes.InvalidCodename,
                $"'{code}' is not a codename; write resource.action in lowercase letters, digits and underscores, such as 'work_orders.view_own'.");
            return false;
        }
        return true;
    }

    private sealed class Builder
    {
        public List<Permission> Permissions { get; } = [];

        public Dictionary<string, int> FirstLine { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Inline { get; } = new(StringComparer.Ordinal);

        public Location? FirstInlineCategory { get; set; }

        public List<ImpliesRules.Edge> Implications { get; } = [];

        public CatalogDraft Build() => new(Permissions, FirstLine.Keys.ToHashSet(StringComparer.Ordinal), Inline, FirstInlineCategory);
    }
}
