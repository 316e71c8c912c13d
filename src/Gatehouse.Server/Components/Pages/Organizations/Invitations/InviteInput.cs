namespace Gatehouse.Server.Components.Pages.Organizations.Invitations;

/// <summary>What the invite form posts. The API checks every part of it; the form only reshapes it into the API's request.</summary>
public sealed class InviteInput
{
    /// <summary>One or several email addresses, one per line or separated by commas.</summary>
    public string Emails { get; set; } = string.Empty;

    /// <summary>First name of the one person invited, or empty.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name of the one person invited, or empty.</summary>
    public string? LastName { get; set; }

    /// <summary>Phone of the one person invited, or empty.</summary>
    public string? Phone { get; set; }

    /// <summary>The one role chosen (a role key, or <see cref="InviteChoices.CustomRole"/>), where the model offers one role at a time.</summary>
    public string? Role { get; set; }

    /// <summary>The groups (roles) ticked, where the model has permission groups.</summary>
    public List<InviteChoice> Groups { get; set; } = [];

    /// <summary>The places ticked: <see cref="InviteChoices.OrganizationWide"/> or a scope id.</summary>
    public List<InviteChoice> Places { get; set; } = [];

    /// <summary>The Custom role's access per category.</summary>
    public List<CategoryLevel> Custom { get; set; } = [];

    /// <summary>Full access asked for.</summary>
    public bool FullAccess { get; set; }
}

/// <summary>One check mark of a list: what it stands for and whether it is ticked.</summary>
public sealed class InviteChoice
{
    /// <summary>The role key, scope id or <see cref="InviteChoices.OrganizationWide"/>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Ticked.</summary>
    public bool Selected { get; set; }

    /// <summary>A place's own role (seed 004: "A user can have different permissions per project"); empty for the role chosen above.</summary>
    public string? Role { get; set; }
}

/// <summary>The access a Custom role gives in one category: none, view or edit.</summary>
public sealed class CategoryLevel
{
    /// <summary>The category's label.</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary><c>none</c>, <c>view</c> or <c>edit</c>.</summary>
    public string Level { get; set; } = InviteChoices.NoAccess;
}
