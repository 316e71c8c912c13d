namespace Gatehouse.Core.Organizations;

/// <summary>A place inside an organization where access is granted (workshop, project, facility); may nest.</summary>
public sealed class Scope
{
    private Scope() => Name = string.Empty;

    /// <summary>Creates a scope under a parent scope, or at the top when <paramref name="parentId"/> is null.</summary>
    public Scope(Guid id, Guid organizationId, Guid? parentId, string name)
    {
        Id = id;
        OrganizationId = organizationId;
        ParentId = parentId;
        Name = name;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The organization the scope belongs to.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The enclosing scope, or null at the top.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Display name.</summary>
    public string Name { get; private set; }

    /// <summary>Gives the scope a new name.</summary>
    public void Rename(string name) => Name = name;

    /// <summary>Moves the scope under another parent (callers check for cycles with <see cref="ScopeTree"/>).</summary>
    public void MoveTo(Guid? parentId) => ParentId = parentId;
}
