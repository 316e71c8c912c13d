using Gatehouse.Core.Model;

namespace Gatehouse.Application.Roles;

/// <summary>The deployment's permission catalog: categories in order, each with its permissions' codes and labels.</summary>
public sealed class ReadPermissionCatalogHandler(AccessModel model)
{
    /// <summary>The catalog.</summary>
    public PermissionCatalogDto Handle() => RoleViews.Catalog(model);
}
