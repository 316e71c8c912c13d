namespace Gatehouse.Application.Work;

/// <summary>Stable codes every use case of an organization may answer.</summary>
public static class WorkCodes
{
    /// <summary>The organization does not exist, or the actor may not see it.</summary>
    public const string OrganizationNotFound = "organization_not_found";

    /// <summary>The input is malformed; the fields say where.</summary>
    public const string ValidationFailed = "validation_failed";
}
